package dev.connject.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.connject.testkit.Jdk;
import dev.connject.testkit.LoopbackPorts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * While a JFR recording runs with {@code agent/jfr/connject.jfc}, each connect is one
 * {@code dev.connject.Connect} event, on the connecting thread, with the fields of the JSON Lines
 * event, labelled and described for JDK Mission Control, without a stack trace. The event's
 * {@code caller} setting says whose caller it carries: failed connects' by default, every one's
 * with {@code all}. The event lasts as long as its connect, so JFR's {@code threshold} picks the slow ones.
 */
class JfrEventsIT {

    private static final Path SETTINGS = Path.of("jfr/connject.jfc").toAbsolutePath();

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void aRecordingHoldsOneEventPerConnectWithItsFields(Jdk jdk, @TempDir Path directory) throws Exception {
        Path recording = directory.resolve("connects.jfr");
        int closed = LoopbackPorts.closedPort();
        Probe.Run run;
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            run = new Probe.Setup(jdk, directory)
                    .rules("rules:\n  - name: refuse\n    match:\n      port: 4444\n    fault:\n      errno: ECONNREFUSED\n")
                    .jvmArgs("-XX:StartFlightRecording:settings=" + SETTINGS + ",filename=" + recording)
                    .run("2000", "socket=" + listening.getLocalPort(), "socket-timeout=" + closed, "channel-open=4444");
        }

        List<RecordedEvent> events = connects(recording);
        assertThat(events).hasSize(run.events().size()).hasSize(3);
        RecordedEvent connected = only(events, "127.0.0.1:" + run.outcome("socket").get("target"));
        assertThat(connected.getString("result")).isEqualTo("connected");
        assertThat(connected.getString("api")).isEqualTo("socket");
        assertThat(connected.getString("syscalls")).isEqualTo("connect=0");
        assertThat(connected.getThread().getJavaName()).isEqualTo("main");
        assertThat(connected.getStackTrace()).isNull();
        RecordedEvent refused = only(events, "127.0.0.1:" + closed);
        assertThat(refused.getString("result")).isEqualTo("ECONNREFUSED");
        assertThat(refused.getInt("errno")).isEqualTo(111);
        assertThat(refused.getLong("timeout")).isEqualTo(2000);
        assertThat(refused.getString("syscalls")).isEqualTo("connect=EINPROGRESS, so_error=ECONNREFUSED");
        assertThat(refused.getString("caller")).startsWith("dev.connject.probe.ConnectProbe.connect(");
        RecordedEvent injected = only(events, "127.0.0.1:4444");
        assertThat(injected.getBoolean("injected")).isTrue();
        assertThat(injected.getString("rule")).isEqualTo("refuse");
        assertThat(injected.getString("error")).isEqualTo("java.net.ConnectException: Connection refused");
        assertThat(injected.getString("caller")).startsWith("dev.connject.probe.ConnectProbe.connect(");

        EventType type = events.get(0).getEventType();
        assertThat(type.getLabel()).isEqualTo("Connect");
        assertThat(type.getCategoryNames()).containsExactly("connject");
        assertThat(type.getDescription()).isNotBlank();
        assertThat(type.getField("result").getDescription()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void theCallerSettingSaysWhetherSuccessfulConnectsCarryTheirCaller(Jdk jdk, @TempDir Path directory)
            throws Exception {
        assertThat(callersOfTwoConnects(jdk, directory, "")).as("connject.jfc as it is").containsOnlyNulls();
        assertThat(callersOfTwoConnects(jdk, directory, ",dev.connject.Connect#caller=all"))
                .as("with caller=all").allMatch(caller -> caller != null && caller.startsWith("dev.connject.probe.ConnectProbe.connect("));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void anEventLastsAsLongAsItsConnectSoTheThresholdKeepsOnlySlowConnects(Jdk jdk, @TempDir Path directory)
            throws Exception {
        Path recording = directory.resolve("slow.jfr");
        int slowPort;
        Probe.Run run;
        try (ServerSocket slow = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                ServerSocket fast = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            slowPort = slow.getLocalPort();
            run = new Probe.Setup(jdk, directory)
                    .rules("rules:\n  - name: slow\n    match:\n      port: " + slowPort + "\n    fault:\n      delay: 300ms\n")
                    .jvmArgs("-XX:StartFlightRecording:settings=" + SETTINGS
                            + ",dev.connject.Connect#threshold=100ms,filename=" + recording)
                    .run("2000", "socket=" + slowPort, "channel-nonblocking=" + slowPort, "async-future=" + slowPort,
                            "socket-timeout=" + fast.getLocalPort(), "channel-blocking=" + fast.getLocalPort());
        }

        List<RecordedEvent> events = connects(recording);
        assertThat(events).extracting(event -> event.getString("api")).containsExactlyInAnyOrder("socket", "channel", "async");
        assertThat(events).allSatisfy(event -> {
            assertThat(event.getString("remote")).isEqualTo("127.0.0.1:" + slowPort);
            // JFR's clock is not System.nanoTime(), which connectDuration is read from
            assertThat(event.getDuration().toMillis()).isGreaterThan(250)
                    .isCloseTo(event.getDuration("connectDuration").toMillis(), withinPercentage(5));
            // the JSON Lines event's time is the connect's start as well, not its end 300 ms later
            Instant time = Instant.parse((String) run.events().stream()
                    .filter(json -> ((Number) json.get("id")).longValue() == event.getLong("id")).findFirst()
                    .orElseThrow().get("time"));
            assertThat(Duration.between(event.getStartTime(), time).abs()).isLessThan(Duration.ofMillis(100));
        });
        assertThat(settingsOf(recording, events.get(0).getEventType()))
                .containsEntry("threshold", "100 ms").containsEntry("caller", "failures");
    }

    /** The callers of two successful connects, recorded with no sink but JFR, the recording's settings changed by {@code options}. */
    private static List<String> callersOfTwoConnects(Jdk jdk, Path directory, String options) throws Exception {
        Path recording = Files.createTempFile(directory, "connects", ".jfr");
        try (ServerSocket listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            new Probe.Setup(jdk, directory).rulesFile("version: 1\n")
                    .jvmArgs("-XX:StartFlightRecording:settings=" + SETTINGS + options + ",filename=" + recording)
                    .run("2000", "socket=" + listening.getLocalPort(), "channel-blocking=" + listening.getLocalPort());
        }
        List<RecordedEvent> events = connects(recording);
        assertThat(events).hasSize(2).allMatch(event -> event.getString("result").equals("connected"));
        return events.stream().map(event -> event.getString("caller")).toList();
    }

    private static List<RecordedEvent> connects(Path recording) throws IOException {
        return RecordingFile.readAllEvents(recording).stream()
                .filter(event -> event.getEventType().getName().equals("dev.connject.Connect")).toList();
    }

    /** The settings the recording says it took {@code type} with, by name. */
    private static Map<String, String> settingsOf(Path recording, EventType type) throws IOException {
        return RecordingFile.readAllEvents(recording).stream()
                .filter(event -> event.getEventType().getName().equals("jdk.ActiveSetting")
                        && event.getLong("id") == type.getId())
                .collect(Collectors.toMap(event -> event.getString("name"), event -> event.getString("value"),
                        (first, last) -> last));
    }

    private static RecordedEvent only(List<RecordedEvent> events, String remote) {
        return events.stream().filter(event -> remote.equals(event.getString("remote"))).findFirst()
                .orElseThrow(() -> new AssertionError("no event for " + remote + " in " + events));
    }
}
