package dev.connject.testkit;

import static dev.connject.testkit.StraceSamples.connectFailed;
import static dev.connject.testkit.StraceSamples.connected;
import static dev.connject.testkit.StraceSamples.soError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.junit.jupiter.api.Test;

/** StraceLog reads the calls out of real strace output: addresses, results, split calls, injections. */
class StraceLogParsingTest {

    private static final String NSCD = "/var/run/nscd/socket";

    @Test
    void readsEveryConnectAndSoErrorReadInOrderAndNoOtherGetsockopt() {
        int tid = 27012;
        String listening = "[::ffff:127.0.0.1]:42943";
        String closed = "[::ffff:127.0.0.1]:41493";

        assertThat(StraceSamples.read("loopback-tour.strace").calls()).containsExactly(
                connectFailed(tid, 4, NSCD, "ENOENT"),
                connectFailed(tid, 4, NSCD, "ENOENT"),
                connected(tid, 5, listening),
                connectFailed(tid, 5, listening, "EINPROGRESS"),
                soError(tid, 5, "0"),
                connectFailed(tid, 5, closed, "EINPROGRESS"),
                soError(tid, 5, "ECONNREFUSED"),
                connectFailed(tid, 5, closed, "ECONNREFUSED"),
                connectFailed(tid, 5, "[::1]:41493", "EINPROGRESS"),
                soError(tid, 5, "ECONNREFUSED"),
                connected(tid, 5, closed),
                connected(tid, 5, "AF_UNSPEC"),
                connected(tid, 9, "/tmp/loopback-tour16705632056297051303.socket"));
    }

    @Test
    void readsIpv4Addresses() {
        assertThat(StraceSamples.read("loopback-tour-ipv4.strace").connectsTo(32977))
                .extracting(StraceCall::address, StraceCall::port, StraceCall::result)
                .containsExactly(tuple("127.0.0.1:32977", 32977, "0"), tuple("127.0.0.1:32977", 32977, "EINPROGRESS"));
    }

    @Test
    void readsAbstractAndEscapedUnixPathsAsPrinted() {
        assertThat(StraceSamples.read("python-sockets.strace").calls())
                .extracting(StraceCall::address, StraceCall::port)
                .containsExactly(
                        tuple("@connject-testkit", -1),
                        tuple("/tmp/no such \\\"dir\\\"/sock", -1),
                        tuple("[::1]:1", 1),
                        tuple("127.0.0.1:1", 1),
                        tuple("127.0.0.1:1", 1));
    }

    @Test
    void rejoinsCallsThatOtherThreadsSplitAndKeepsTheirThreads() {
        StraceLog log = StraceSamples.read("concurrent-refused.strace");

        assertThat(log.connectsTo(41493)).hasSize(8)
                .extracting(StraceCall::tid, StraceCall::fd, StraceCall::result)
                .containsExactly(
                        tuple(27100, 5, "EINPROGRESS"),
                        tuple(27094, 8, "ECONNREFUSED"),
                        tuple(27093, 11, "ECONNREFUSED"),
                        tuple(27096, 4, "EINPROGRESS"),
                        tuple(27098, 7, "EINPROGRESS"),
                        tuple(27099, 12, "EINPROGRESS"),
                        tuple(27095, 9, "ECONNREFUSED"),
                        tuple(27097, 6, "EINPROGRESS"));
        assertThat(log.calls()).filteredOn(call -> !call.isConnect())
                .extracting(StraceCall::tid, StraceCall::fd, StraceCall::soError)
                .containsExactly(
                        tuple(27100, 5, "ECONNREFUSED"),
                        tuple(27096, 4, "ECONNREFUSED"),
                        tuple(27098, 7, "ECONNREFUSED"),
                        tuple(27097, 6, "ECONNREFUSED"),
                        tuple(27099, 12, "ECONNREFUSED"));
    }

    @Test
    void keepsAnInterruptedConnectAndLeavesOutConnectsStillRunningAtExit() {
        StraceLog log = StraceSamples.read("async-close.strace");

        assertThat(log.connectsTo(9999)).containsExactly(
                new StraceCall(27192, StraceCall.CONNECT, 4, "[::ffff:127.0.0.1]:9999", -1, "ERESTARTSYS", null,
                        false));
    }

    @Test
    void marksInjectedResults() {
        assertThat(StraceSamples.read("injected-refusal.strace").calls())
                .extracting(StraceCall::address, StraceCall::result, StraceCall::injected)
                .containsExactly(
                        tuple(NSCD, "ECONNREFUSED", true),
                        tuple(NSCD, "ECONNREFUSED", true),
                        tuple("[::ffff:127.0.0.1]:41493", "ECONNREFUSED", true));
    }

    @Test
    void namesCallsAndResultsAsConnjectEventsDo() {
        assertThat(StraceSamples.read("loopback-tour.strace").attempt(41493))
                .extracting(StraceCall::eventCall, StraceCall::result)
                .startsWith(tuple("connect", "EINPROGRESS"), tuple("so_error", "ECONNREFUSED"));
    }
}
