package dev.connject.injector.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connject.testkit.ChildJvm;
import dev.connject.testkit.Jdk;
import dev.connject.testkit.LoopbackPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Attached with a rules file that injects an errno, and detached, three times while the target
 * connects: the class loaders of the detached connjects are collected, but for at most the last
 * one, which the JDK's own caches may keep until something else replaces it there. Before, every
 * detach left its loader, and with it every class of connject's, for as long as the JVM ran.
 */
class DetachReleasesClassesIT {

    private static final String AGENT_LOADER = "dev.connject.launcher.PackedClassLoader";

    private final Injector injector = Injector.onTestJdk();

    @TempDir
    Path directory;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void detachedConnjectsDoNotPileUp(Jdk jdk) throws IOException {
        int port = LoopbackPorts.freePort();
        try (LoopTarget loop = LoopTarget.start(ChildJvm.on(jdk), port, Files.createDirectory(directory.resolve("loop")))) {
            String pid = Long.toString(loop.pid());
            // an errno in the rules has connject load JNA, and with it JNA's cleaner thread
            Path rules = RulesFiles.refusing(directory, "refusing.yaml", port, 2);
            for (int cycle = 0; cycle < 3; cycle++) {
                succeeds(injector.run("attach", pid, "--rules", rules.toString()));
                loop.awaitAttempt(attempt -> attempt.outcome().equals("refused"), Duration.ofSeconds(10));
                succeeds(injector.run("status", pid));
                assertThat(agentLoaders(jdk, pid)).as("while connject is attached").isPositive();
                succeeds(injector.run("detach", pid));
            }

            long left = agentLoaders(jdk, pid);
            System.out.println("DetachReleasesClassesIT: JDK " + jdk.feature() + ", " + left
                    + " of connject's class loaders left after three detaches");
            assertThat(left).isLessThanOrEqualTo(1);
        }
    }

    private static void succeeds(InjectorRun run) {
        assertThat(run.exitCode()).as(run.describe()).isZero();
    }

    /** Collects garbage in the target, then counts the class loaders of connject's that survived. */
    private static long agentLoaders(Jdk jdk, String pid) {
        jcmd(jdk, pid, "GC.run");
        return jcmd(jdk, pid, "GC.class_histogram").lines().filter(line -> line.endsWith(" " + AGENT_LOADER))
                .mapToLong(line -> Long.parseLong(line.trim().split("\\s+")[1])).sum();
    }

    private static String jcmd(Jdk jdk, String pid, String command) {
        try {
            Process jcmd = new ProcessBuilder(jdk.home().resolve("bin/jcmd").toString(), pid, command)
                    .redirectErrorStream(true).start();
            String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(jcmd.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(jcmd.exitValue()).as(output).isZero();
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
