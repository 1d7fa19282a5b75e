package dev.connject.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connject.testkit.ChildJvm;
import dev.connject.testkit.ExitedJvm;
import dev.connject.testkit.Jdk;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JIT compiles JFR's writer for {@code dev.connject.Connect} on its own, not into the JDK
 * methods that connect: there, on JDK 25, it more than doubled the compiler's memory for each of
 * them. The boundary holds only while the JIT honours connject's {@code @DontInline}, which it
 * does in the JDK's own classes alone; its inlining log shows whether it did.
 */
class JfrWriterCompiledApartIT {

    private static final String BOUNDARY = "sun.nio.ch.ConnjectJdk::acceptOutOfLine";
    /** A decision after the method's size that is not a refusal: "inline (hot)", "force inline by annotation"... */
    private static final Pattern INLINED =
            Pattern.compile(Pattern.quote(BOUNDARY) + " \\(\\d+ bytes\\)\\s+(?!failed|don't)\\w");

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void theJitNeverInlinesTheCommitIntoTheMethodsThatConnect(Jdk jdk, @TempDir Path directory) {
        ExitedJvm jvm = ChildJvm.on(jdk).javaagent(Probe.AGENT, "log=off").classpath(Probe.CLASSES)
                .jvmArgs("-XX:StartFlightRecording:filename=" + directory.resolve("connects.jfr"),
                        "-XX:+UnlockDiagnosticVMOptions", "-XX:+PrintInlining")
                .mainClass("dev.connject.probe.ConnectLoad").args("1", "30000")
                .run(Duration.ofMinutes(2)).assertSucceeded();

        // the log's lines come from several compiler threads and are sometimes run together
        List<String> mentions = jvm.stdoutLines().stream().filter(line -> line.contains(BOUNDARY)).toList();
        assertThat(mentions).as("the inlining log on " + BOUNDARY)
                .anyMatch(line -> line.contains("don't inline by annotation"))
                .noneMatch(line -> INLINED.matcher(line).find());
    }
}
