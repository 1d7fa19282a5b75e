package dev.connject.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connject.testkit.StraceCall;
import dev.connject.testkit.StraceLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What connject must have recorded for one path of the probe, given what the application saw and
 * what strace saw in the same run.
 */
final class Expectations {

    /** The API and protocol each probe path connects through. */
    static final Map<String, String[]> API_AND_PROTOCOL = Map.ofEntries(
            Map.entry("socket", new String[] {"socket", "tcp"}),
            Map.entry("socket-timeout", new String[] {"socket", "tcp"}),
            Map.entry("virtual-socket", new String[] {"socket", "tcp"}),
            Map.entry("http-url-connection", new String[] {"socket", "tcp"}),
            Map.entry("channel-open", new String[] {"channel", "tcp"}),
            Map.entry("channel-blocking", new String[] {"channel", "tcp"}),
            Map.entry("virtual-channel", new String[] {"channel", "tcp"}),
            Map.entry("channel-nonblocking", new String[] {"channel", "tcp"}),
            Map.entry("channel-adaptor", new String[] {"channel", "tcp"}),
            Map.entry("http-client", new String[] {"channel", "tcp"}),
            Map.entry("async-future", new String[] {"async", "tcp"}),
            Map.entry("async-handler", new String[] {"async", "tcp"}),
            Map.entry("datagram-channel", new String[] {"datagram", "udp"}),
            Map.entry("datagram-socket", new String[] {"datagram", "udp"}),
            Map.entry("unix", new String[] {"channel", "unix"}));

    /** The paths whose connect carries the application's timeout. */
    static final List<String> TIMED = List.of("socket-timeout", "virtual-socket", "channel-adaptor", "http-url-connection");

    private Expectations() {
    }

    /**
     * Checks every event of {@code path}'s connects against the application's outcome and against
     * strace: one event per attempt strace saw, with the same system calls and results.
     */
    static void check(Probe.Run run, String path, int timeoutMillis) {
        Map<String, Object> outcome = run.outcome(path);
        String target = (String) outcome.get("target");
        boolean unix = path.equals("unix");
        List<Map<String, Object>> events = run.events().stream()
                .filter(e -> unix ? target.equals(e.get("remote")) : ("127.0.0.1:" + target).equals(e.get("remote")))
                .toList();
        List<List<StraceCall>> attempts = unix ? unixAttempts(run.strace(), target)
                : run.strace().attempts(Integer.parseInt(target));
        String context = path + " to " + target + "\nprobe: " + outcome + "\nevents: " + events + "\nstrace:\n"
                + run.strace();
        assertThat(events).as("one event per connect attempt strace saw: " + context).hasSize(attempts.size());
        assertThat(attempts).as("strace saw the attempt: " + context).isNotEmpty();
        for (int i = 0; i < attempts.size(); i++) {
            Map<String, Object> event = events.get(i);
            List<StraceCall> calls = attempts.get(i);
            assertThat(event.get("syscalls")).as("syscalls as strace saw them: " + context).isEqualTo(syscalls(calls));
            assertThat(event.get("api")).as("api: " + context).isEqualTo(API_AND_PROTOCOL.get(path)[0]);
            assertThat(event.get("protocol")).as("protocol: " + context).isEqualTo(API_AND_PROTOCOL.get(path)[1]);
            assertThat(event.get("timeout_ms")).as("timeout_ms: " + context)
                    .isEqualTo(TIMED.contains(path) ? timeoutMillis : 0);
            assertThat(event.get("virtual")).as("virtual: " + context).isEqualTo(path.startsWith("virtual"));
            assertThat(event.get("fd")).as("fd: " + context).isEqualTo(calls.get(0).fd());
            if (i < attempts.size() - 1) {
                assertThat(event.get("result")).as("result of a retried attempt: " + context)
                        .isEqualTo(calls.get(calls.size() - 1).result());
            }
        }
        Map<String, Object> last = events.get(events.size() - 1);
        List<StraceCall> lastCalls = attempts.get(attempts.size() - 1);
        assertThat(last.get("result")).as("result: " + context).isEqualTo(expectedResult(outcome, lastCalls));
        if (!"thrown".equals(outcome.get("outcome"))) {
            assertThat(last.get("error")).as("error: " + context).isNull();
            assertThat(last.get("errno")).as("errno: " + context).isNull();
            if (outcome.get("local") != null && !unix && !path.startsWith("http")) {
                assertThat("/" + last.get("local")).as("local: " + context).isEqualTo(outcome.get("local"));
            }
        } else if (path.equals("http-client")) {
            // HttpClient is the channel's application here: it got the channel's exception, retried once,
            // and gives its own caller a ConnectException without the errno's text; on its own timeout it
            // closes the channel, which threw nothing
            if (!"timeout".equals(last.get("result"))) {
                assertThat(last.get("error")).as("error: " + context).isNotNull();
            }
            assertThat(chainClasses(outcome)).as("the caller saw a failure: " + context).isNotEmpty();
        } else {
            assertThat(chain(outcome)).as("error is an exception the application saw: " + context)
                    .contains(String.valueOf(last.get("error")));
        }
        if (path.startsWith("datagram")) {
            checkDisconnect(run, last, context);
        }
    }

    /** A datagram path also disconnects: connect(2) with AF_UNSPEC on the same socket. */
    private static void checkDisconnect(Probe.Run run, Map<String, Object> connect, String context) {
        int fd = (Integer) connect.get("fd");
        List<Map<String, Object>> disconnects = run.events().stream()
                .filter(e -> e.get("remote") == null && Integer.valueOf(fd).equals(e.get("fd"))
                        && ((Number) e.get("id")).longValue() > ((Number) connect.get("id")).longValue())
                .toList();
        assertThat(disconnects).as("the disconnect is recorded: " + context).isNotEmpty();
        assertThat(disconnects.get(0).get("result")).as(context).isEqualTo("disconnected");
        assertThat(disconnects.get(0).get("syscalls")).as(context)
                .isEqualTo(List.of(Map.of("call", "connect", "result", "0")));
        assertThat(run.strace().onFd(fd).stream().anyMatch(c -> c.isConnect() && "AF_UNSPEC".equals(c.address())))
                .as("strace saw the AF_UNSPEC connect: " + context).isTrue();
    }

    /** What the attempt's result must be: what the application was told, in connject's words. */
    static String expectedResult(Map<String, Object> outcome, List<StraceCall> calls) {
        if ("connected".equals(outcome.get("outcome")) || "abandoned".equals(outcome.get("outcome"))) {
            return (String) outcome.get("outcome");
        }
        if (chainClasses(outcome).stream().anyMatch(c -> c.endsWith("SocketTimeoutException")
                || c.endsWith("HttpConnectTimeoutException"))) {
            return "timeout";
        }
        return calls.get(calls.size() - 1).result();
    }

    static List<Map<String, String>> syscalls(List<StraceCall> calls) {
        List<Map<String, String>> syscalls = new ArrayList<>();
        for (StraceCall call : calls) {
            syscalls.add(Map.of("call", call.eventCall(), "result", call.result()));
        }
        return syscalls;
    }

    /** The exceptions the application saw, as {@code toString()} shows them. */
    @SuppressWarnings("unchecked")
    static List<String> chain(Map<String, Object> outcome) {
        List<String> chain = new ArrayList<>();
        for (Map<String, Object> link : (List<Map<String, Object>>) outcome.get("chain")) {
            chain.add(link.get("message") == null ? (String) link.get("class") : link.get("class") + ": " + link.get("message"));
        }
        return chain;
    }

    @SuppressWarnings("unchecked")
    static List<String> chainClasses(Map<String, Object> outcome) {
        List<String> classes = new ArrayList<>();
        for (Map<String, Object> link : (List<Map<String, Object>>) outcome.get("chain")) {
            classes.add((String) link.get("class"));
        }
        return classes;
    }

    private static List<List<StraceCall>> unixAttempts(StraceLog strace, String path) {
        List<List<StraceCall>> attempts = new ArrayList<>();
        for (StraceCall call : strace.calls()) {
            if (call.isConnect() && path.equals(call.address())) {
                attempts.add(List.of(call));
            }
        }
        return attempts;
    }
}
