package dev.connject.testkit;

import static dev.connject.testkit.StraceSamples.connectFailed;
import static dev.connject.testkit.StraceSamples.connected;
import static dev.connject.testkit.StraceSamples.soError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

/** StraceLog groups calls into connect attempts: a connect, then the SO_ERROR reads on its file descriptor. */
class StraceLogAttemptsTest {

    @Test
    void groupsEachConnectWithTheSoErrorReadsOnItsFdWhenThreadsInterleave() {
        String target = "[::ffff:127.0.0.1]:9999";

        assertThat(StraceSamples.read("dropped-syn.strace").attempts(9999)).containsExactly(
                List.of(connectFailed(27310, 4, target, "EINPROGRESS"), soError(27310, 4, "ETIMEDOUT")),
                List.of(connectFailed(27309, 7, target, "EINPROGRESS")),
                List.of(connectFailed(27308, 5, target, "ETIMEDOUT")));
    }

    @Test
    void endsAnAttemptAtTheNextConnectOnItsFd() {
        StraceLog log = StraceSamples.read("loopback-tour.strace");
        int tid = 27012;
        String listening = "[::ffff:127.0.0.1]:42943";
        String closed = "[::ffff:127.0.0.1]:41493";

        assertThat(log.attempts(42943)).containsExactly(
                List.of(connected(tid, 5, listening)),
                List.of(connectFailed(tid, 5, listening, "EINPROGRESS"), soError(tid, 5, "0")));
        assertThat(log.attempts(41493)).containsExactly(
                List.of(connectFailed(tid, 5, closed, "EINPROGRESS"), soError(tid, 5, "ECONNREFUSED")),
                List.of(connectFailed(tid, 5, closed, "ECONNREFUSED")),
                List.of(connectFailed(tid, 5, "[::1]:41493", "EINPROGRESS"), soError(tid, 5, "ECONNREFUSED")),
                List.of(connected(tid, 5, closed)));
    }

    @Test
    void startsAnAttemptWithEveryConnectToThePortEvenOnTheSameFd() {
        assertThat(StraceSamples.read("python-sockets.strace").attempts(1))
                .extracting(attempt -> attempt.get(0).fd(), attempt -> attempt.get(0).address())
                .containsExactly(tuple(3, "[::1]:1"), tuple(4, "127.0.0.1:1"), tuple(4, "127.0.0.1:1"));
    }

    @Test
    void attemptListsTheCallsOfAllAttemptsInOrder() {
        StraceLog log = StraceSamples.read("dropped-syn.strace");

        assertThat(log.attempt(9999)).containsExactlyElementsOf(
                log.attempts(9999).stream().flatMap(List::stream).toList());
    }

    @Test
    void onFdListsTheCallsOfEveryThreadOnThatFd() {
        assertThat(StraceSamples.read("concurrent-refused.strace").onFd(4))
                .extracting(StraceCall::tid, StraceCall::eventCall, StraceCall::result)
                .containsExactly(
                        tuple(27075, "connect", "ENOENT"),
                        tuple(27075, "connect", "ENOENT"),
                        tuple(27096, "connect", "EINPROGRESS"),
                        tuple(27096, "so_error", "ECONNREFUSED"));
    }
}
