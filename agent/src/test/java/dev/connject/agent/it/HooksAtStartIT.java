package dev.connject.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connject.testkit.ChildJvm;
import dev.connject.testkit.ExitedJvm;
import dev.connject.testkit.Jdk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Loaded at the JVM's start, connject weaves its advice into the JDK's connect classes as they
 * load. Retransforming one that is already loaded costs the start about 25 ms (JDK 25,
 * {@code SocketChannelImpl}), so nothing connject does before its hooks are in place, reading the
 * rules file included, may load one of them.
 */
class HooksAtStartIT {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void readingTheRulesFileRetransformsNoClass(Jdk jdk, @TempDir Path directory) throws IOException {
        Path rules = directory.resolve("rules.yaml");
        Files.writeString(rules, "version: 1\nrules:\n"
                + "  - name: refused\n    match:\n      port: 9\n    fault:\n      errno: ECONNREFUSED\n");
        Files.setPosixFilePermissions(rules, PosixFilePermissions.fromString("rw-------"));
        Path classLog = directory.resolve("classes.log");

        ExitedJvm jvm = ChildJvm.on(jdk).jvmArgs("-Xlog:class+load=info:file=" + classLog)
                .javaagent(Probe.AGENT, "rules=" + rules).classpath(Probe.CLASSES)
                .mainClass("dev.connject.probe.QuietConnects").run(Duration.ofSeconds(60)).assertSucceeded();

        assertThat(jvm.stderr()).contains("(1 rule(s), mode inject)");
        List<String> loads = Files.readAllLines(classLog);
        assertThat(loads).as("the application's Socket, woven as it loads")
                .anyMatch(line -> line.contains(" java.net.Socket source:"));
        assertThat(loads.stream().filter(line -> line.contains("source: __VM_RedefineClasses__")))
                .as("classes loaded again by a retransformation").isEmpty();
    }
}
