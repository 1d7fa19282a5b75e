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
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Root attaches to another user's JVM: the agent jar must then be readable by that user, which
 * root's private cache is not, and the rules file too.
 */
class RootAttachIT {

    private static final int NOBODY = 65534;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void rootAttachesToAJvmOfNobody(Jdk jdk, @TempDir Path directory) throws IOException {
        int port = LoopbackPorts.freePort();
        Path rules = RulesFiles.refusing(directory, "rules.yaml", port, 2);
        Files.setAttribute(rules, "unix:uid", NOBODY);
        Files.setAttribute(directory, "unix:uid", NOBODY);
        ChildJvm asNobody = ChildJvm.on(jdk)
                .wrappedBy(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
        try (LoopTarget target = LoopTarget.start(asNobody, port, directory)) {
            InjectorRun attach = Injector.onTestJdk().run("attach", Long.toString(target.pid()), "--rules",
                    rules.toString());
            Instant returned = Instant.now();
            int lastBefore = target.lastAttempt();

            assertThat(attach.exitCode()).as(attach.describe()).isZero();
            target.awaitAttempt(attempt -> attempt.number() > lastBefore && attempt.outcome().equals("refused"),
                    Duration.ofSeconds(1).minus(Duration.between(returned, Instant.now())));
            InjectorRun detach = Injector.onTestJdk().run("detach", Long.toString(target.pid()));
            assertThat(detach.exitCode()).as(detach.describe()).isZero();
        }
    }
}
