package dev.connject.agent.control;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connject.agent.record.Destinations;
import dev.connject.agent.record.Recorder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusJsonTest {

    private static final Recorder.Outputs NOTHING = new Recorder.Outputs(null, "off", "waiting", 0);

    @Test
    void saysWhereTheRulesComeFromAndWhereTheEventsGo() {
        String json = StatusJson.format(new AgentStatus("0.1.0", 4242, Instant.parse("2026-11-24T19:13:00Z"), true,
                "inject", "/etc/app/rules.yaml", "/etc/app/rules.yaml", List.of(), new Recorder.Outputs("/var/log/app/c-4242.jsonl", "info",
                        "recording", 1), 0, Map.of(), Map.of(), Map.of(), 0, List.of(), List.of()));

        assertThat(json).contains("\"rules_source\":\"/etc/app/rules.yaml\",\"rules_followed\":\"/etc/app/rules.yaml\","
                + "\"rules\":[],\"recording\":{\"jsonl\":\"/var/log/app/c-4242.jsonl\","
                + "\"log\":\"info\",\"jfr\":\"recording\",\"watchers\":1},\"attempts\":0,");
    }

    @Test
    void givesNoDurationsForADestinationNoConnectReached() {
        String json = StatusJson.format(new AgentStatus("0.1.0", 4242, Instant.parse("2026-11-24T19:13:00Z"), true,
                "inject", null, null, List.of(), NOTHING, 5, Map.of("connected", 2L, "ECONNREFUSED", 3L), Map.of(), Map.of(), 0,
                List.of(), List.of(
                        new Destinations.Summary("10.0.0.7:5432", "db.internal", 3, 2, Map.of("ECONNREFUSED", 1L), 400,
                                2000, 2000,
                                new Destinations.Ended(Instant.parse("2026-11-24T19:14:00.250Z"), "connected"),
                                new Destinations.Ended(Instant.parse("2026-11-24T19:13:30Z"), "ECONNREFUSED")),
                        new Destinations.Summary("10.0.0.9:5432", null, 2, 0, Map.of("ECONNREFUSED", 2L), 0, 0, 0,
                                new Destinations.Ended(Instant.parse("2026-11-24T19:14:01Z"), "ECONNREFUSED"),
                                new Destinations.Ended(Instant.parse("2026-11-24T19:14:01Z"), "ECONNREFUSED")))));

        assertThat(json).endsWith("\"destinations\":["
                + "{\"remote\":\"10.0.0.7:5432\",\"host\":\"db.internal\",\"attempts\":3,\"connected\":2,"
                + "\"failures\":{\"ECONNREFUSED\":1},\"p50_us\":400,\"p99_us\":2000,\"max_us\":2000,"
                + "\"last\":{\"time\":\"2026-11-24T19:14:00.250Z\",\"result\":\"connected\"},"
                + "\"last_failure\":{\"time\":\"2026-11-24T19:13:30Z\",\"result\":\"ECONNREFUSED\"}},"
                + "{\"remote\":\"10.0.0.9:5432\",\"host\":null,\"attempts\":2,\"connected\":0,"
                + "\"failures\":{\"ECONNREFUSED\":2},\"p50_us\":null,\"p99_us\":null,\"max_us\":null,"
                + "\"last\":{\"time\":\"2026-11-24T19:14:01Z\",\"result\":\"ECONNREFUSED\"},"
                + "\"last_failure\":{\"time\":\"2026-11-24T19:14:01Z\",\"result\":\"ECONNREFUSED\"}}]}");
    }
}
