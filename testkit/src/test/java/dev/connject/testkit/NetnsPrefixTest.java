package dev.connject.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connject.testkit.programs.ConnectAttempts;
import dev.connject.testkit.programs.Report;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Netns runs a child in a network namespace of its own, with its arguments intact. These tests fail, never
 * skip, where namespaces cannot be made: the integration tests depend on them.
 */
class NetnsPrefixTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void isAvailableHere() {
        assertThat(Netns.available()).as("unshare -n and iptables usable").isTrue();
    }

    @Test
    void passesTheCommandsArgumentsThroughUnchanged() {
        List<String> arguments = List.of("0", "two words", "it's \"quoted\"", "$HOME && exit 1; `id`", "");

        ExitedJvm exited = Programs.child(Report.class)
                .args(arguments.toArray(String[]::new))
                .wrappedBy(Netns.prefix(List.of(Netns.synRetries(2))))
                .run(TIMEOUT)
                .assertSucceeded();

        assertThat(exited.stdoutLines()).startsWith(arguments.stream().map(argument -> "arg=" + argument)
                .toArray(String[]::new));
    }

    @Test
    void givesTheChildALoopbackOfItsOwnWhereTheHostsServersAreNot() throws IOException {
        try (ServerSocket hostServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ExitedJvm exited = Programs.child(ConnectAttempts.class)
                    .args("127.0.0.1", Integer.toString(hostServer.getLocalPort()), "0")
                    .wrappedBy(Netns.prefix(List.of()))
                    .run(TIMEOUT);

            assertThat(AttemptOutcome.byTimeout(exited)).extractingByKey(0).extracting(AttemptOutcome::outcome)
                    .isEqualTo("java.net.ConnectException: Connection refused");
        }
    }

    @Test
    void stopsBeforeStartingTheJvmWhenASetupStepFails() {
        ExitedJvm exited = Programs.child(Report.class)
                .args("0")
                .wrappedBy(Netns.prefix(List.of(Netns.reject(1, "no-such-reason"))))
                .run(TIMEOUT);

        assertThat(exited.exitCode()).isNotZero();
        assertThat(exited.stdout()).isEmpty();
        assertThat(exited.stderr()).contains("no-such-reason");
    }

    @Test
    void refusesRejectReasonsThatWouldBreakTheSetupScript() {
        assertThatThrownBy(() -> Netns.reject(1, "tcp-reset; reboot")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesSynRetriesTheKernelWouldRefuse() {
        assertThatThrownBy(() -> Netns.synRetries(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Netns.synRetries(128)).isInstanceOf(IllegalArgumentException.class);
    }
}
