package dev.connject.injector.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connject.testkit.ChildJvm;
import dev.connject.testkit.Jdk;
import dev.connject.testkit.LoopbackPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A JVM in a mount namespace of its own, as in a container that the injector does not run in: a
 * {@code /tmp} of its own, and neither the injector's cache nor its rules file. Attach reaches it,
 * through the JDK's attach API and through Byte Buddy's emulation alike, puts the agent jar into that
 * JVM's {@code /tmp}, gives it the rules' text and says that the file is not followed; a rules file
 * that the JVM has at the same path is followed as usual.
 */
class OtherFileSystemIT {

    /**
     * {@code sh -c OWN_FILE_SYSTEM sh HIDDEN KEPT... -- COMMAND...}, in a mount namespace of its own: HIDDEN
     * and {@code /tmp} become empty, but for the KEPT directories under {@code /tmp} that the JVM needs,
     * bound in again from the {@code /tmp} that the shell's working directory still holds (by a relative
     * path, which mount would otherwise resolve in the new {@code /tmp}).
     */
    private static final String OWN_FILE_SYSTEM = "mount -t tmpfs connject-test \"$1\" && shift && cd /tmp"
            + " && mount -t tmpfs connject-test /tmp"
            + " && while [ \"$1\" != -- ]; do mkdir -p \"$1\" && mount --no-canonicalize --bind \".${1#/tmp}\" \"$1\" && shift; done"
            + " && shift && exec \"$@\"";
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir
    static Path linked;

    private static Path runtimeWithoutJdkAttach;

    @BeforeAll
    static void linkARuntimeWithoutJdkAttach() throws IOException, InterruptedException {
        runtimeWithoutJdkAttach = LinkedRuntime.link(EmulatedAttachIT.MODULES, linked.resolve("runtime"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void theAttachApiReachesIt(Jdk jdk, @TempDir Path directory) throws Exception {
        attachGiveRulesAndDetach(jdk, directory, Injector.onTestJdk());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void theEmulatedAttachReachesIt(Jdk jdk, @TempDir Path directory) throws Exception {
        attachGiveRulesAndDetach(jdk, directory, Injector.on(runtimeWithoutJdkAttach.resolve("bin/java")));
    }

    private static void attachGiveRulesAndDetach(Jdk jdk, Path directory, Injector runtime) throws Exception {
        Path hidden = Files.createDirectory(directory.resolve("hidden"));
        Path control = Files.createDirectory(directory.resolve("control"));
        int port = LoopbackPorts.freePort();
        Path rules = RulesFiles.refusing(hidden, "rules.yaml", port, 2);
        Path shared = RulesFiles.refusing(control, "shared.yaml", port, 3);
        Injector injector = runtime.caching(hidden.resolve("cache"));
        try (LoopTarget loop = LoopTarget.start(ChildJvm.on(jdk).wrappedBy(ownFileSystem(hidden, LoopTarget.CLASSES, control)),
                port, control)) {
            String pid = Long.toString(loop.pid());
            assertThat(loop.seenFromIt(rules)).as("the rules file, in the JVM's file system").doesNotExist();

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
                assertThat(jars).as("the agent jar, in the JVM's own /tmp")
                        .anyMatch(jar -> jar.getFileName().toString().startsWith("connject-agent-"));
            }
            assertThat(hidden.resolve("cache/connject")).as("the injector's own cache").doesNotExist();

            InjectorRun again = injector.run("attach", pid, "--rules", shared.toString());
            assertThat(again.exitCode()).as(again.describe()).isZero();
            assertThat(again.stdout()).contains("1 rule in force from " + shared + ", mode inject");
            assertThat(again.stderr()).isEmpty();

            InjectorRun detach = injector.run("detach", pid);
            assertThat(detach.exitCode()).as(detach.describe()).isZero();
        }
    }

    /** The prefix that runs a JVM in a file system of its own, which has of {@code /tmp} only the {@code kept} directories. */
    private static List<String> ownFileSystem(Path hidden, Path... kept) throws IOException {
        List<String> prefix = new ArrayList<>(List.of("unshare", "-m", "--", "sh", "-c", OWN_FILE_SYSTEM, "sh",
                hidden.toString()));
        for (Path directory : kept) {
            String real = directory.toRealPath().toString();
            if (real.startsWith("/tmp/")) {
                prefix.add(real);
            }
        }
        prefix.add("--");
        return prefix;
    }
}
