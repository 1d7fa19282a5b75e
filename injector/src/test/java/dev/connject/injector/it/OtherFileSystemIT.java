package dev.connject.injector.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connject.testkit.ChildJvm;
import dev.connject.testkit.Jdk;
import dev.connject.testkit.LoopbackPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A JVM in a mount namespace of its own, as in a container that the injector does not run in, where a
 * tmpfs hides the injector's cache and its rules file: attach puts the agent jar into that JVM's
 * {@code /tmp}, gives it the rules' text and says that the file is not followed; a rules file that the
 * JVM has at the same path is followed as usual.
 */
class OtherFileSystemIT {

    /** {@code unshare -m -- sh -c HIDE sh DIRECTORY COMMAND...}: runs COMMAND where DIRECTORY is an empty tmpfs. */
    private static final String HIDE = "mount -t tmpfs connject-test \"$1\" && shift && exec \"$@\"";
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void aJvmInAnotherFileSystemIsAttachedGivenTheRulesAndDetached(Jdk jdk, @TempDir Path directory) throws Exception {
        Path hidden = Files.createDirectory(directory.resolve("hidden"));
        int port = LoopbackPorts.freePort();
        Path rules = RulesFiles.refusing(hidden, "rules.yaml", port, 2);
        Path shared = RulesFiles.refusing(directory, "shared.yaml", port, 3);
        Injector injector = Injector.onTestJdk().caching(hidden.resolve("cache"));
        try (LoopTarget loop = LoopTarget.start(ChildJvm.on(jdk)
                        .wrappedBy(List.of("unshare", "-m", "--", "sh", "-c", HIDE, "sh", hidden.toString())),
                port, Files.createDirectory(directory.resolve("control")))) {
            String pid = Long.toString(loop.pid());
            assertThat(Files.exists(loop.seenFromIt(rules))).as("the rules file, in the JVM's file system").isFalse();

            InjectorRun attach = injector.run("attach", pid, "--rules", rules.toString());
            assertThat(attach.exitCode()).as(attach.describe()).isZero();
            assertThat(attach.stdout()).startsWith("connject 0.1.0 attached to JVM " + pid + " (")
                    .contains("1 rule in force from " + rules + ", mode inject");
            assertThat(attach.stderr()).isEqualTo("connject: JVM " + pid + " runs in another file system (a container),"
                    + " where " + rules + " is not this file; it took the rules as they are now, and will not follow the"
                    + " file: put changes in force with java -jar connject.jar apply " + pid + " FILE\n");
            int lastBefore = loop.lastAttempt();
            loop.awaitAttempt(attempt -> attempt.number() > lastBefore && attempt.outcome().equals("refused"), PATIENCE);
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            try (Stream<Path> jars = Files.list(loop.seenFromIt(Path.of("/tmp/connject-" + uid)))) {
                assertThat(jars).as("the agent jar, in the JVM's /tmp")
                        .anyMatch(jar -> jar.getFileName().toString().startsWith("connject-agent-"));
            }
            assertThat(hidden.resolve("cache")).as("the injector's own cache").doesNotExist();

            InjectorRun again = injector.run("attach", pid, "--rules", shared.toString());
            assertThat(again.exitCode()).as(again.describe()).isZero();
            assertThat(again.stdout()).contains("1 rule in force from " + shared + ", mode inject");
            assertThat(again.stderr()).isEmpty();

            InjectorRun detach = injector.run("detach", pid);
            assertThat(detach.exitCode()).as(detach.describe()).isZero();
        }
    }
}
