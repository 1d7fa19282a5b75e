package dev.connject.injector.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connject.testkit.ChildJvm;
import dev.connject.testkit.Jdk;
import dev.connject.testkit.LoopbackPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The injector on a runtime without the {@code jdk.attach} module, made here with jlink from the
 * jmods of an installed JDK 17: it falls back on Byte Buddy's emulation of the attach protocol,
 * and attaches, steers and detaches as on a full JDK.
 */
class EmulatedAttachIT {

    /** What the injector needs of the JDK, less {@code jdk.attach}. */
    static final String MODULES = "java.base,java.logging,java.management,java.management.rmi";

    @TempDir
    static Path directory;

    private static Path runtime;

    @BeforeAll
    static void linkARuntimeWithoutJdkAttach() throws IOException, InterruptedException {
        runtime = LinkedRuntime.link(MODULES, directory.resolve("runtime"));
    }

    @Test
    void theRuntimeLacksJdkAttach() throws IOException, InterruptedException {
        Process modules = new ProcessBuilder(runtime.resolve("bin/java").toString(), "--list-modules")
                .redirectErrorStream(true).start();
        String listed = new String(modules.getInputStream().readAllBytes());

        assertThat(modules.waitFor()).isZero();
        assertThat(listed).contains("java.management.rmi").doesNotContain("jdk.attach");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void attachesStatusesWatchesAndDetaches(Jdk jdk) throws IOException {
        Injector injector = Injector.on(runtime.resolve("bin/java"));
        int port = LoopbackPorts.freePort();
        Path control = Files.createTempDirectory(directory, "control-");
        Path rules = RulesFiles.refusing(control, "rules.yaml", port, 2);
        try (LoopTarget target = LoopTarget.start(ChildJvm.on(jdk), port, control)) {
            String pid = Long.toString(target.pid());

            InjectorRun attach = injector.run("attach", pid, "--rules", rules.toString());
            Instant returned = Instant.now();
            int lastBefore = target.lastAttempt();

            assertThat(attach.exitCode()).as(attach.describe()).isZero();
            assertThat(attach.stdout()).contains(" attached to JVM " + pid);
            target.awaitAttempt(attempt -> attempt.number() > lastBefore && attempt.outcome().equals("refused"),
                    Duration.ofSeconds(1).minus(Duration.between(returned, Instant.now())));

            InjectorRun status = injector.run("status", pid);
            assertThat(status.exitCode()).as(status.describe()).isZero();
            assertThat(status.stdoutLines()).contains("rules            " + rules);

            InjectorRun watch = injector.run("watch", pid, "--count", "2");
            assertThat(watch.exitCode()).as(watch.describe()).isZero();
            assertThat(watch.stdoutLines()).hasSize(2);

            InjectorRun detach = injector.run("detach", pid);
            assertThat(detach.exitCode()).as(detach.describe()).isZero();
            assertThat(injector.run("list").stdoutLines())
                    .anySatisfy(line -> assertThat(line).startsWith(pid + " ").contains(" no "));
            assertThat(target.stderr()).doesNotContain("Exception");
        }
    }
}
