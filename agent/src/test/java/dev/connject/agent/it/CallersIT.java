package dev.connject.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connject.testkit.Jdk;
import dev.connject.testkit.LoopbackPorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every event names the application code that made the connect, its {@code record.stack} frames
 * below it; with {@code record.caller: failures} only failed connects have their stack read, where
 * the failure reached the application, and successful ones name no caller.
 */
class CallersIT {

    private static final String PROBE_CONNECT = "dev.connject.probe.ConnectProbe.connect(ConnectProbe.java:";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void everyEventNamesItsCallerByDefault(Jdk jdk, @TempDir Path directory) throws IOException {
        Run run = run(jdk, directory, "");

        assertThat(run.events).hasSize(3).allSatisfy(event -> {
            assertThat((String) event.get("caller")).as(event.toString()).startsWith(PROBE_CONNECT);
            assertThat((List<?>) event.get("stack")).as(event.toString()).hasSize(2);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void withCallerFailuresOnlyFailedEventsNameTheirCaller(Jdk jdk, @TempDir Path directory) throws IOException {
        Run run = run(jdk, directory, "  caller: failures\n");

        Map<String, Object> connected = run.event(run.listening);
        assertThat(connected.get("result")).isEqualTo("connected");
        assertThat(connected.get("caller")).as(connected.toString()).isNull();
        assertThat(connected).as(connected.toString()).doesNotContainKey("stack");
        for (Map<String, Object> refused : List.of(run.event(run.closed), run.event(run.closedNonBlocking))) {
            assertThat(refused.get("result")).isEqualTo("ECONNREFUSED");
            assertThat((String) refused.get("caller")).as(refused.toString()).startsWith(PROBE_CONNECT);
            assertThat((List<?>) refused.get("stack")).as(refused.toString()).hasSize(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void callersNameTheirLineAcrossOverloadsAndDeepStacks(Jdk jdk, @TempDir Path directory) {
        Path events = directory.resolve("events.jsonl");
        Probe.Run run = new Probe.Setup(jdk, directory).mainClass("dev.connject.probe.CallSites")
                .rulesFile("version: 1\nrecord:\n  jsonl: " + events + "\n").run();

        List<String> expected = run.jvm().stdoutLines().stream().filter(line -> line.startsWith("expect "))
                .map(line -> line.substring("expect ".length())).toList();
        assertThat(expected).hasSize(18);
        assertThat(Set.copyOf(expected)).as("one line per overload, and a second line in one of them").hasSize(3);
        assertThat(run.events()).extracting(event -> (String) event.get("caller")).containsExactlyElementsOf(expected);
    }

    /** A connect to a listening port, a blocking one and a non-blocking one to closed ports. */
    private static Run run(Jdk jdk, Path directory, String callerSetting) throws IOException {
        Path events = directory.resolve("events.jsonl");
        int closed = LoopbackPorts.closedPort();
        int closedNonBlocking = LoopbackPorts.closedPort();
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Probe.Run run = new Probe.Setup(jdk, directory)
                    .rulesFile("version: 1\nrecord:\n  jsonl: " + events + "\n  stack: 2\n" + callerSetting)
                    .run("2000", "socket=" + listening.getLocalPort(), "socket-timeout=" + closed,
                            "channel-nonblocking=" + closedNonBlocking);
            return new Run(run.events(), listening.getLocalPort(), closed, closedNonBlocking);
        }
    }

    private record Run(List<Map<String, Object>> events, int listening, int closed, int closedNonBlocking) {
        Map<String, Object> event(int port) {
            return events.stream().filter(event -> ("127.0.0.1:" + port).equals(event.get("remote"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no event for port " + port + " in " + events));
        }
    }
}
