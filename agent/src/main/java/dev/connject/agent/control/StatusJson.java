package dev.connject.agent.control;

import dev.connject.agent.record.Destinations;
import java.util.Map;

/** {@link AgentStatus} as one JSON object. */
final class StatusJson {

    private final StringBuilder out = new StringBuilder(512);

    private StatusJson() {
    }

    static String format(AgentStatus status) {
        StatusJson json = new StatusJson();
        json.out.append('{');
        json.field("version").string(status.version());
        json.field("pid").out.append(status.pid());
        json.field("started").string(status.started().toString());
        json.field("attached").out.append(status.attached());
        json.field("mode").string(status.mode());
        json.field("rules_source").string(status.rulesSource());
        json.field("rules_followed").string(status.rulesFollowed());
        json.field("rules").out.append('[');
        for (int i = 0; i < status.rules().size(); i++) {
            AgentStatus.RuleCount rule = status.rules().get(i);
            json.out.append(i == 0 ? "{" : ",{").append("\"name\":");
            json.string(rule.name());
            json.out.append(",\"matched\":").append(rule.matched()).append(",\"injected\":").append(rule.injected())
                    .append('}');
        }
        json.out.append(']');
        json.field("recording").out.append("{\"jsonl\":");
        json.string(status.recording().jsonl());
        json.out.append(",\"log\":");
        json.string(status.recording().log());
        json.out.append(",\"jfr\":");
        json.string(status.recording().jfr());
        json.out.append(",\"watchers\":").append(status.recording().watchers()).append('}');
        json.field("attempts").out.append(status.attempts());
        json.field("results").counts(status.results());
        json.field("dropped").counts(status.dropped());
        json.field("internal_errors").counts(status.errors());
        json.field("pending").out.append(status.pending());
        json.field("hooked").out.append('[');
        for (int i = 0; i < status.hooked().size(); i++) {
            if (i > 0) {
                json.out.append(',');
            }
            json.string(status.hooked().get(i));
        }
        json.out.append(']');
        json.field("destinations").out.append('[');
        for (int i = 0; i < status.destinations().size(); i++) {
            Destinations.Summary destination = status.destinations().get(i);
            json.out.append(i == 0 ? "{" : ",{").append("\"remote\":");
            json.string(destination.remote());
            json.out.append(",\"host\":");
            json.string(destination.host());
            json.out.append(",\"attempts\":").append(destination.attempts()).append(",\"connected\":")
                    .append(destination.connected()).append(",\"failures\":");
            json.counts(destination.failures());
            boolean timed = destination.connected() > 0;
            json.field("p50_us").numberIf(timed, destination.p50Micros());
            json.field("p99_us").numberIf(timed, destination.p99Micros());
            json.field("max_us").numberIf(timed, destination.maxMicros());
            json.field("last").ended(destination.last());
            json.field("last_failure").ended(destination.lastFailure());
            json.out.append('}');
        }
        json.out.append("]}");
        return json.out.toString();
    }

    private StatusJson field(String name) {
        if (out.length() > 1) {
            out.append(',');
        }
        out.append('"').append(name).append("\":");
        return this;
    }

    private void counts(Map<String, Long> counts) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Long> count : new java.util.TreeMap<>(counts).entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(count.getKey());
            out.append(':').append(count.getValue());
        }
        out.append('}');
    }

    /** {@code {"time":"2026-11-24T19:13:00.123Z","result":"ECONNREFUSED"}}, or {@code null}. */
    private void ended(Destinations.Ended ended) {
        if (ended == null) {
            out.append("null");
            return;
        }
        out.append("{\"time\":");
        string(ended.time().toString());
        out.append(",\"result\":");
        string(ended.result());
        out.append('}');
    }

    /** {@code value}, or {@code null} where it would mean nothing. */
    private void numberIf(boolean known, long value) {
        if (known) {
            out.append(value);
        } else {
            out.append("null");
        }
    }

    private void string(String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
