package dev.connject.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connject.testkit.ChildJvm;
import dev.connject.testkit.ExitedJvm;
import dev.connject.testkit.Jdk;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Loaded at a JVM's start, connject does not bring JMX up by itself, and its MBean is in the
 * platform MBean server as soon as something else brings it up: the application asking for it,
 * or the JDK's management agent. (The injector's path, the management agent started through an
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
}
