package dev.connject.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connject.testkit.ChildJvm;
import dev.connject.testkit.ExitedJvm;
import dev.connject.testkit.Jdk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Loaded at a JVM's start, connject does not bring JMX up by itself, and its MBean is in the
 * platform MBean server as soon as something else brings it up: the application asking for it,
 * or the JDK's management agent, or another agent that brought it up before connject was loaded.
 * (The injector's path, the management agent started through an
 * attach as JConsole starts it, is in the injector's {@code SteeringIT}.)
 */
class MBeanOnDemandIT {

    private static final String PROBE = "dev.connject.probe.JmxOnDemand";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void noMBeanServerUntilTheApplicationAsksThenTheMBeanIsInIt(Jdk jdk) {
        ExitedJvm jvm = ChildJvm.on(jdk).javaagent(Probe.AGENT, "log=off").classpath(Probe.CLASSES).mainClass(PROBE)
                .args("ask").run(Duration.ofSeconds(60)).assertSucceeded();

        assertThat(jvm.stdoutLines()).containsExactly("servers 0", "connject inject");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void jmxStartedWithTheJvmHasTheMBeanWithoutTheApplicationAsking(Jdk jdk) {
        ExitedJvm jvm = ChildJvm.on(jdk).javaagent(Probe.AGENT, "log=off").systemProperty("com.sun.management.jmxremote", "")
                .classpath(Probe.CLASSES).mainClass(PROBE).run(Duration.ofSeconds(60)).assertSucceeded();

        assertThat(jvm.stdoutLines()).containsExactly("servers 1", "connject inject");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void jmxBroughtUpByAnAgentAheadOfConnjectHasTheMBean(Jdk jdk, @TempDir Path directory) throws IOException {
        ExitedJvm jvm = ChildJvm.on(jdk).javaagent(agentJar(directory, "dev.connject.probe.JmxBeforeConnject"), null)
                .javaagent(Probe.AGENT, "log=off").classpath(Probe.CLASSES).mainClass(PROBE)
                .run(Duration.ofSeconds(60)).assertSucceeded();

        assertThat(jvm.stdoutLines()).containsExactly("servers 1", "connject inject");
    }

    /** A jar that only names its agent class: the JVM loads that class from the class path. */
    private static Path agentJar(Path directory, String premainClass) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), premainClass);
        Path jar = directory.resolve("ahead-agent.jar");
        new JarOutputStream(Files.newOutputStream(jar), manifest).close();
        return jar;
    }
}
