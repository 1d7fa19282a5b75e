package dev.connject.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connject.testkit.ChildJvm;
import dev.connject.testkit.ExitedJvm;
import dev.connject.testkit.Jdk;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With the agent and no options, the application's output is its own: nothing on stdout, one
 * start-up line on stderr, and no JVM warning about the boot class path (connject never appends
 * to it).
 */
class QuietByDefaultIT {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void theAgentAddsOneStartUpLineAndNothingElse(Jdk jdk) {
        ExitedJvm jvm = ChildJvm.on(jdk).javaagent(Probe.AGENT, null).classpath(Probe.CLASSES)
                .mainClass("dev.connject.probe.QuietConnects").run(Duration.ofSeconds(60)).assertSucceeded();

        assertThat(jvm.stdout()).isEmpty();
        assertThat(jvm.stderrLines()).hasSize(1);
        assertThat(jvm.stderrLines().get(0)).startsWith("connject: recording connects");
        assertThat(jvm.stderr()).doesNotContain("Sharing is only supported").doesNotContain("WARNING");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void logOffMakesTheAgentSilent(Jdk jdk) {
        ExitedJvm jvm = ChildJvm.on(jdk).javaagent(Probe.AGENT, "log=off").classpath(Probe.CLASSES)
                .mainClass("dev.connject.probe.QuietConnects").run(Duration.ofSeconds(60)).assertSucceeded();

        assertThat(jvm.stdout()).isEmpty();
        assertThat(jvm.stderr()).isEmpty();
    }
}
