package dev.connject.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connject.testkit.programs.Flood;
import dev.connject.testkit.programs.Report;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ChildJvm runs a real JVM to its end and captures its exit code and both outputs in full. */
class ChildJvmRunTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void passesArgumentsPropertiesEnvironmentAndWorkingDirectory(@TempDir Path directory) {
        ExitedJvm exited = Programs.child(Report.class)
                .args("0", "two words", "it's \"quoted\"", "")
                .systemProperty("testkit.property", "a value")
                .env("TESTKIT_ENV", "from env")
                .workingDirectory(directory)
                .run(TIMEOUT)
                .assertSucceeded();

        assertThat(exited.stdoutLines()).containsExactly(
                "arg=0", "arg=two words", "arg=it's \"quoted\"", "arg=",
                "property=a value",
                "env=from env",
                "cwd=" + directory);
        assertThat(exited.stderrLines()).containsExactly("to stderr");
        assertThat(exited.exitCode()).isZero();
    }

    @Test
    void failsAnUnsuccessfulRunShowingCommandExitCodeAndOutputs() {
        ExitedJvm exited = Programs.child(Report.class).args("3").run(TIMEOUT);

        assertThat(exited.exitCode()).isEqualTo(3);
        assertThatThrownBy(exited::assertSucceeded)
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("exited with 3: " + exited.command().get(0))
                .hasMessageContaining(Report.class.getName() + " 3")
                .hasMessageContaining("--- stdout ---\narg=3\n")
                .hasMessageContaining("--- stderr ---\nto stderr\n");
    }

    @Test
    void drainsBothOutputsSoThatAChildWritingMoreThanAPipeHoldsFinishes() {
        ExitedJvm exited = Programs.child(Flood.class).run(TIMEOUT).assertSucceeded();

        // isEqualTo, as List.equals, is linear; containsExactly would take seconds on this many lines
        assertThat(exited.stderrLines())
                .isEqualTo(IntStream.range(0, Flood.LINES).mapToObj(i -> "stderr line " + i).toList());
        assertThat(exited.stdoutLines())
                .isEqualTo(IntStream.range(0, Flood.LINES).mapToObj(i -> "stdout line " + i).toList());
    }
}
