package dev.connject.injector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusReportTest {

    private static final Instant NOW = Instant.parse("2026-11-24T21:13:00Z");

    @Test
    void showsEachDestinationWithItsLatenciesAndFailuresTheMostFailedFirst() {
        String report = StatusReport.format(status(49, "{\"connected\":34,\"ECONNREFUSED\":15}", "{}",
                "{\"remote\":\"127.0.0.1:8080\",\"host\":\"127.0.0.1\",\"attempts\":22,\"connected\":22,"
                        + "\"failures\":{},\"p50_us\":95,\"p99_us\":310,\"max_us\":310},"
                        + "{\"remote\":\"10.0.0.7:5432\",\"host\":\"db.internal\",\"attempts\":18,\"connected\":12,"
                        + "\"failures\":{\"ECONNREFUSED\":6},\"p50_us\":412,\"p99_us\":1900,\"max_us\":2300,"
                        + "\"last\":{\"time\":\"2026-11-24T21:12:59.900Z\",\"result\":\"connected\"},"
                        + "\"last_failure\":{\"time\":\"2026-11-24T19:13:00Z\",\"result\":\"ECONNREFUSED\"}},"
                        + "{\"remote\":\"10.0.0.9:5432\",\"host\":null,\"attempts\":9,\"connected\":0,"
                        + "\"failures\":{\"ECONNREFUSED\":9},\"p50_us\":null,\"p99_us\":null,\"max_us\":null,"
                        + "\"last\":{\"time\":\"2026-11-24T21:12:59.700Z\",\"result\":\"ECONNREFUSED\"},"
                        + "\"last_failure\":{\"time\":\"2026-11-24T21:12:59.700Z\",\"result\":\"ECONNREFUSED\"}},"
                        + "{\"remote\":\"127.0.0.1:8081\",\"host\":\"127.0.0.1\",\"attempts\":24,\"connected\":24,"
                        + "\"failures\":{},\"p50_us\":90,\"p99_us\":200,\"max_us\":200}"), NOW);

        assertThat(report.lines().dropWhile(line -> !line.startsWith("destinations")).toList()).containsExactly(
                "destinations     4",
                "  10.0.0.9:5432                attempts 9, none connected; ECONNREFUSED 9; last failed 0.3s ago",
                "  10.0.0.7:5432 (db.internal)  attempts 18, p50 412us, p99 1900us, max 2300us; ECONNREFUSED 6;"
                        + " last failed 2h ago",
                "  127.0.0.1:8081               attempts 24, p50 90us, p99 200us, max 200us",
                "  127.0.0.1:8080               attempts 22, p50 95us, p99 310us, max 310us");
    }

    @Test
    void saysHowLongAgoInTheLargestUnitThatReadsAtAGlance() {
        assertThat(StatusReport.ago(Duration.ofMillis(340))).isEqualTo("0.3s ago");
        assertThat(StatusReport.ago(Duration.ofMillis(9_999))).isEqualTo("9.9s ago");
        assertThat(StatusReport.ago(Duration.ofSeconds(119))).isEqualTo("119s ago");
        assertThat(StatusReport.ago(Duration.ofSeconds(120))).isEqualTo("2m ago");
        assertThat(StatusReport.ago(Duration.ofMinutes(119))).isEqualTo("119m ago");
        assertThat(StatusReport.ago(Duration.ofHours(47))).isEqualTo("47h ago");
        assertThat(StatusReport.ago(Duration.ofDays(12))).isEqualTo("12d ago");
        assertThat(StatusReport.ago(Duration.ofMillis(-20))).as("a clock a little ahead").isEqualTo("0.0s ago");
    }

    @Test
    void saysHowManyFinishedAttemptsTheRecorderHasNotTakenYet() {
        assertThat(attemptsLine(12, "{\"connected\":8}", "{\"ring\":1,\"jsonl /tmp/c.jsonl\":2}"))
                .isEqualTo("attempts         12: connected 8, 3 not recorded yet");
        assertThat(attemptsLine(12, "{\"connected\":8,\"ECONNREFUSED\":3}", "{\"ring\":1}"))
                .isEqualTo("attempts         12: connected 8, ECONNREFUSED 3");
        assertThat(attemptsLine(2, "{}", "{\"ring\":0}")).isEqualTo("attempts         2: 2 not recorded yet");
    }

    private static String attemptsLine(long attempts, String results, String dropped) {
        return StatusReport.format(status(attempts, results, dropped, ""), NOW).lines()
                .filter(line -> line.startsWith("attempts")).findFirst().orElseThrow();
    }

    /** The agent's status JSON with these counts and destinations, the rest as a JVM with no rules has it. */
    private static Map<String, Object> status(long attempts, String results, String dropped,
                                              String destinations) {
        return JsonReader.object("{\"version\":\"0.1.0\",\"pid\":4242,\"started\":\"2026-11-24T19:13:00Z\","
                + "\"attached\":true,\"mode\":\"inject\",\"rules_source\":null,\"rules\":[],\"attempts\":" + attempts
                + ",\"results\":" + results + ",\"dropped\":" + dropped + ",\"internal_errors\":{},\"pending\":0,"
                + "\"hooked\":[],\"destinations\":[" + destinations + "]}");
    }

    @Test
    void saysWhereTheEventsGo() {
        assertThat(recording("\"/var/log/app/c.jsonl\"", "info", "recording", 2))
                .isEqualTo("/var/log/app/c.jsonl, log info, JFR, 2 watches");
        assertThat(recording("\"/var/log/app/c.jsonl\"", "off", "waiting", 1)).isEqualTo("/var/log/app/c.jsonl, 1 watch");
        assertThat(recording("null", "off", "off", 0)).isEqualTo("nothing: connects are only counted");
        assertThat(StatusReport.format(status(0, "{}", "{}", ""), NOW).lines()).as("from an agent that does not say")
                .noneMatch(line -> line.startsWith("recording"));
    }

    private static String recording(String jsonl, String log, String jfr, int watchers) {
        return StatusReport.recording(JsonReader.object("{\"jsonl\":" + jsonl + ",\"log\":\"" + log + "\",\"jfr\":\""
                + jfr + "\",\"watchers\":" + watchers + "}"));
    }

    @Test
    void namesEachHookedMethodByItsParameterTypes() {
        assertThat(StatusReport.readable("java.net.Socket.connect(Ljava/net/SocketAddress;I)V"))
                .isEqualTo("java.net.Socket.connect(SocketAddress, int)");
        assertThat(StatusReport.readable("sun.nio.ch.Net.pollConnectNow(Ljava/io/FileDescriptor;)Z"))
                .isEqualTo("sun.nio.ch.Net.pollConnectNow(FileDescriptor)");
        assertThat(StatusReport.readable("a.B.c([BJ[[Ljava/lang/String;)V")).isEqualTo("a.B.c(byte[], long, String[][])");
        assertThat(StatusReport.readable("a.B.c()V")).isEqualTo("a.B.c()");
        assertThat(StatusReport.readable("not a method")).isEqualTo("not a method");
        assertThat(StatusReport.readable("a.B.c(Q)V")).isEqualTo("a.B.c(Q)V");
    }

    @Test
    void countsTheRulesInForceAndNamesTheirFileIfThereIsOne() {
        assertThat(StatusReport.rulesInForce(rules("\"/etc/app/rules.yaml\"", "{\"name\":\"a\"}")))
                .isEqualTo("1 rule in force from /etc/app/rules.yaml, mode inject");
        assertThat(StatusReport.rulesInForce(rules("\"/etc/app/rules.yaml\"", "{\"name\":\"a\"},{\"name\":\"b\"}")))
                .isEqualTo("2 rules in force from /etc/app/rules.yaml, mode inject");
        assertThat(StatusReport.rulesInForce(rules("\"/etc/app/rules.yaml (cleared)\"", "")))
                .isEqualTo("no rules in force from /etc/app/rules.yaml (cleared), mode inject");
        assertThat(StatusReport.rulesInForce(rules("\"<none>\"", ""))).isEqualTo("no rules in force, mode inject");
    }

    private static Map<String, Object> rules(String source, String rules) {
        return JsonReader.object("{\"mode\":\"inject\",\"rules_source\":" + source + ",\"rules\":[" + rules + "]}");
    }
}
