package dev.connject.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.connject.testkit.programs.ConnectAttempts;
import dev.connject.testkit.programs.Report;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strace traces a real child JVM, and StraceLog reads the result back. These tests fail, never skip, where
 * strace cannot trace: the integration tests depend on it.
 */
class StraceTracingTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    @Test
    void isAvailableHere() {
        assertThat(Strace.available()).as("strace installed and ptrace allowed").isTrue();
    }

    @Test
    void prefixTracesConnectAndGetsockoptOfAllThreadsWithoutSignals() {
        Path output = directory.resolve("strace.out");

        assertThat(Strace.prefix(output, "-e", "inject=connect:error=EPERM"))
                .startsWith("strace", "-f", "-qq")
                .containsSubsequence("-o", output.toString(), "-e", "trace=connect,getsockopt", "-e", "signal=none")
                .endsWith("-e", "inject=connect:error=EPERM");
    }

    @Test
    void recordsTheSyscallsOfABlockingAndOfATimedConnectToAClosedPort() {
        Path output = directory.resolve("strace.out");
        int port = LoopbackPorts.closedPort();

        ExitedJvm exited = Programs.child(ConnectAttempts.class)
                .args("127.0.0.1", Integer.toString(port), "0", "1000")
                .wrappedBy(Strace.prefix(output))
                .run(TIMEOUT);

        assertThat(AttemptOutcome.byTimeout(exited).values()).extracting(AttemptOutcome::outcome)
                .containsOnly("java.net.ConnectException: Connection refused");
        assertThat(StraceLog.read(output).attempts(port))
                .extracting(attempt -> attempt.stream().map(StraceCall::result).toList())
                .containsExactlyInAnyOrder(List.of("ECONNREFUSED"), List.of("EINPROGRESS", "ECONNREFUSED"));
    }

    @Test
    void readsBackAnInjectedRefusalOfAConnectToAListeningPort() throws IOException {
        Path output = directory.resolve("strace.out");
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();

            ExitedJvm exited = Programs.child(ConnectAttempts.class)
                    .args("127.0.0.1", Integer.toString(port), "1000")
                    .wrappedBy(Strace.prefix(output, "-e", "inject=connect:error=ECONNREFUSED"))
                    .run(TIMEOUT);

            assertThat(AttemptOutcome.byTimeout(exited)).extractingByKey(1000).extracting(AttemptOutcome::outcome)
                    .isEqualTo("java.net.ConnectException: Connection refused");
            List<List<StraceCall>> attempts = StraceLog.read(output).attempts(port);
            assertThat(attempts).hasSize(1);
            assertThat(attempts.get(0))
                    .extracting(StraceCall::syscall, StraceCall::address, StraceCall::returnValue, StraceCall::errno,
                            StraceCall::injected)
                    .containsExactly(tuple("connect", "[::ffff:127.0.0.1]:" + port, -1L, "ECONNREFUSED", true));
        }
    }

    @Test
    void keepsTheExitCodeAndTheOutputsOfTheTracedJvmAlone() {
        ExitedJvm exited = Programs.child(Report.class)
                .args("7")
                .wrappedBy(Strace.prefix(directory.resolve("strace.out")))
                .run(TIMEOUT);

        assertThat(exited.exitCode()).isEqualTo(7);
        assertThat(exited.stderr()).isEqualTo("to stderr\n");
    }
}
