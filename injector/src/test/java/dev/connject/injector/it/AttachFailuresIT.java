package dev.connject.injector.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connject.testkit.ChildJvm;
import dev.connject.testkit.Jdk;
import dev.connject.testkit.Netns;
import dev.connject.testkit.RunningJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way an attach fails ends with exit code 1 and exactly two lines on standard error: why,
 * and what to do. None of them sends the target anything: a thread dump in a JVM's output, or a
 * process killed by SIGQUIT, would show that the attach handshake was tried.
 */
class AttachFailuresIT {

    /** The user id of nobody: an unprivileged user other than the one running the tests. */
    private static final int NOBODY = 65534;

    private final Injector injector = Injector.onTestJdk();

    @Test
    void aPidWithoutProcess() throws IOException {
        // pids stay below pid_max: this one never names a process
        long pid = Long.parseLong(Files.readAllLines(Path.of("/proc/sys/kernel/pid_max")).get(0).trim());

        InjectorRun attach = injector.run("attach", Long.toString(pid));

        assertThat(attach.exitCode()).as(attach.describe()).isEqualTo(1);
        assertThat(attach.stderrLines()).containsExactly("connject: no process has pid " + pid,
                "connject: check the pid; `java -jar connject.jar list` shows the JVMs of this user");
    }

    @Test
    void aProcessThatIsNotAJvm() throws IOException {
        Process sleep = new ProcessBuilder("sleep", "60").start();
        try {
            InjectorRun attach = injector.run("attach", Long.toString(sleep.pid()));

            assertThat(attach.exitCode()).as(attach.describe()).isEqualTo(1);
            assertThat(attach.stderrLines()).containsExactly(
                    "connject: process " + sleep.pid() + " (sleep) is not a Java virtual machine",
                    "connject: pass the pid of a JVM; `java -jar connject.jar list` shows them");
            // SIGQUIT, the attach handshake's signal, would have ended it
            assertThat(sleep.isAlive()).isTrue();
        } finally {
            sleep.destroyForcibly();
        }
    }

    /**
     * Without the injector's own check, the JDK's attach API fails here with "Operation not
     * permitted" (SIGQUIT to another user's process) or, once the JVM's attach listener runs,
     * "well-known file /tmp/.java_pidN is not secure: file should be owned by the current user";
     * and the JVM itself takes requests only from its own user and root.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void anotherUsersJvm(Jdk jdk) {
        try (RunningJvm target = IdleTarget.start(ChildJvm.on(jdk))) {
            InjectorRun attach = injector.asUser(NOBODY).run("attach", Long.toString(target.pid()));

            assertThat(attach.exitCode()).as(attach.describe()).isEqualTo(1);
            assertThat(attach.stderrLines()).containsExactly(
                    "connject: process " + target.pid() + " runs as user root (uid 0) and connject as nobody (uid "
                            + NOBODY + "); a JVM takes attach requests from its own user and root only",
                    "connject: run connject as that user: sudo -u root java -jar connject.jar attach "
                            + target.pid() + " ...");
            assertNoThreadDump(target);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void aJvmStartedWithAttachDisabled(Jdk jdk) {
        try (RunningJvm target = IdleTarget.start(ChildJvm.on(jdk).jvmArgs("-XX:+DisableAttachMechanism"))) {
            InjectorRun attach = injector.run("attach", Long.toString(target.pid()));

            assertThat(attach.exitCode()).as(attach.describe()).isEqualTo(1);
            assertThat(attach.stderrLines()).containsExactly(
                    "connject: JVM " + target.pid() + " was started with -XX:+DisableAttachMechanism, so it takes"
                            + " no attach requests",
                    "connject: restart it without that option, or load connject at its start with -javaagent");
            assertNoThreadDump(target);
        }
    }

    /** Its JMX connector, which every command but list and validate goes through, is on a loopback of its own. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void aJvmInAnotherNetworkNamespace(Jdk jdk) {
        try (RunningJvm target = IdleTarget.start(ChildJvm.on(jdk).wrappedBy(Netns.prefix(List.of())))) {
            InjectorRun attach = injector.run("attach", Long.toString(target.pid()));

            assertThat(attach.exitCode()).as(attach.describe()).isEqualTo(1);
            assertThat(attach.stderrLines()).containsExactly(
                    "connject: JVM " + target.pid() + " runs in another network namespace (a container, say); connject"
                            + " steers it through its local JMX connector, on a loopback this one cannot reach",
                    "connject: run connject in that namespace: nsenter -t " + target.pid()
                            + " -n java -jar connject.jar attach " + target.pid() + " ...");
            assertNoThreadDump(target);
            assertThat(target.stderr()).as("no agent loaded").doesNotContain("connject");
        }
    }

    /**
     * No JDK older than 17 is installed here. A runtime linked from JDK 17 whose {@code release}
     * file says 11 stands in for one: started without perf data, it shows its version only through
     * that file, the way the injector learns the version of any JVM started with
     * {@code -XX:-UsePerfData}.
     */
    @Test
    void aJvmOlderThanJava17(@TempDir Path directory) throws IOException, InterruptedException {
        Path home = LinkedRuntime.link("java.base", directory.resolve("runtime"));
        Path release = home.resolve("release");
        Files.writeString(release, Files.readString(release).replaceAll("(?m)^JAVA_VERSION=\"[^\"]*\"",
                "JAVA_VERSION=\"11.0.23\""));
        Jdk eleven = new Jdk(home, 11, "11.0.23");
        try (RunningJvm target = IdleTarget.start(ChildJvm.on(eleven).jvmArgs("-XX:-UsePerfData"))) {
            InjectorRun attach = injector.run("attach", Long.toString(target.pid()));

            assertThat(attach.exitCode()).as(attach.describe()).isEqualTo(1);
            assertThat(attach.stderrLines()).containsExactly(
                    "connject: JVM " + target.pid() + " runs Java 11.0.23; connject needs Java 17 or later",
                    "connject: run the application on JDK 17 or later to use connject with it");
            assertNoThreadDump(target);
        }
    }

    /** A JVM that gets SIGQUIT without taking attach requests prints a thread dump instead. */
    private static void assertNoThreadDump(RunningJvm target) {
        Injector.sleep(Duration.ofMillis(300));
        assertThat(target.stdout()).doesNotContain("Full thread dump");
    }
}
