package dev.connject.injector;

import dev.connject.config.RuleSet;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The agent's status, its JSON object read into a map, as lines for people:
 *
 * <pre>
 * connject 0.1.0 in JVM 4242, attached at 2026-11-24T19:13:00.123Z
 * mode             inject
 * rules            /etc/app/rules.yaml
 *   refuse-db      matched 12, injected 6
 * recording        /var/log/app/connects.jsonl, JFR
 * attempts         49: connected 34, ECONNREFUSED 15
 * dropped          none
 * internal errors  none
 * pending          0
 * hooked methods   9
 *   java.net.Socket.connect(SocketAddress, int)
 *   …
 * destinations     3
 *   10.0.0.9:5432                attempts 9, none connected; ECONNREFUSED 9; last failed 0.3s ago
 *   10.0.0.7:5432 (db.internal)  attempts 18, p50 412us, p99 1900us, max 2300us; ECONNREFUSED 6; last failed 2h ago
 *   127.0.0.1:8080               attempts 22, p50 95us, p99 310us, max 310us
 * </pre>
 *
 * <p>Destinations with the most failed connects come first, then the busiest; how long ago the
 * last failure was tells one that fails now from one that failed once.
 */
final class StatusReport {

    private static final String ROW = "%-17s%s%n";
    /** Where connects fail shows first; the busiest destinations next. */
    private static final Comparator<Map<String, Object>> MOST_FAILED_FIRST = Comparator
            .<Map<String, Object>>comparingLong(StatusReport::failures)
            .thenComparingLong(destination -> number(destination.get("attempts"))).reversed();

    private StatusReport() {
    }

    /** @param now what the last failures' times are told against */
    static String format(Map<String, Object> status, Instant now) {
        StringBuilder report = new StringBuilder();
        report.append("connject ").append(status.get("version")).append(" in JVM ").append(status.get("pid"))
                .append(Boolean.TRUE.equals(status.get("attached")) ? ", attached at " : ", loaded at start-up, ")
                .append(status.get("started")).append('\n');
        report.append(String.format(ROW, "mode", status.get("mode")));
        report.append(String.format(ROW, "rules", status.get("rules_source")));
        List<Map<String, Object>> rules = list(status.get("rules"));
        int nameWidth = rules.stream().mapToInt(rule -> String.valueOf(rule.get("name")).length()).max().orElse(0);
        for (Map<String, Object> rule : rules) {
            report.append(String.format("  %-" + nameWidth + "s  matched %s, injected %s%n", rule.get("name"),
                    rule.get("matched"), rule.get("injected")));
        }
        if (status.get("recording") != null) {
            report.append(String.format(ROW, "recording", recording(map(status.get("recording")))));
        }
        Map<String, Object> results = map(status.get("results"));
        report.append(String.format(ROW, "attempts", status.get("attempts") + counts(results, ": ")
                + notRecordedYet(status, results)));
        report.append(String.format(ROW, "dropped", nonZero(map(status.get("dropped")))));
        report.append(String.format(ROW, "internal errors", nonZero(map(status.get("internal_errors")))));
        report.append(String.format(ROW, "pending", status.get("pending")));
        List<Object> hooked = list(status.get("hooked"));
        report.append(String.format(ROW, "hooked methods", hooked.size()));
        hooked.forEach(method -> report.append("  ").append(readable(String.valueOf(method))).append('\n'));
        List<Map<String, Object>> destinations = list(status.get("destinations")).stream()
                .map(StatusReport::<String, Object>map).sorted(MOST_FAILED_FIRST).toList();
        report.append(String.format(ROW, "destinations", destinations.size()));
        List<String> names = destinations.stream().map(StatusReport::destinationName).toList();
        int destinationWidth = names.stream().mapToInt(String::length).max().orElse(0);
        for (int i = 0; i < destinations.size(); i++) {
            Map<String, Object> destination = destinations.get(i);
            report.append(String.format("  %-" + destinationWidth + "s  attempts %s, %s%s%s%n", names.get(i),
                    destination.get("attempts"), durations(destination), counts(map(destination.get("failures")), "; "),
                    lastFailure(map(destination.get("last_failure")), now)));
        }
        return report.toString();
    }

    /**
     * Where the events go: {@code /var/log/app/connects.jsonl, log info, JFR, 1 watch}; what the
     * JSON says of JFR besides a recording that takes the event is left to it.
     */
    static String recording(Map<String, Object> recording) {
        List<String> outputs = new ArrayList<>();
        if (recording.get("jsonl") != null) {
            outputs.add(String.valueOf(recording.get("jsonl")));
        }
        if (!"off".equals(recording.get("log"))) {
            outputs.add("log " + recording.get("log"));
        }
        if ("recording".equals(recording.get("jfr"))) {
            outputs.add("JFR");
        }
        long watchers = number(recording.get("watchers"));
        if (watchers > 0) {
            outputs.add(watchers + (watchers == 1 ? " watch" : " watches"));
        }
        return outputs.isEmpty() ? "nothing: connects are only counted" : String.join(", ", outputs);
    }

    /** {@code p50 95us, p99 310us, max 310us} of the connects that succeeded, or that none did. */
    private static String durations(Map<String, Object> destination) {
        Object p50 = destination.get("p50_us");
        return p50 == null ? "none connected"
                : "p50 " + p50 + "us, p99 " + destination.get("p99_us") + "us, max " + destination.get("max_us") + "us";
    }

    /** {@code ; last failed 3.2s ago}: when the last failure ended, if the agent says. */
    private static String lastFailure(Map<String, Object> failure, Instant now) {
        return failure.get("time") == null ? ""
                : "; last failed " + ago(Duration.between(Instant.parse(String.valueOf(failure.get("time"))), now));
    }

    /** {@code 0.3s ago}, {@code 42s ago}, {@code 12m ago}, {@code 5h ago}, {@code 3d ago}. */
    static String ago(Duration elapsed) {
        long millis = Math.max(0, elapsed.toMillis());
        if (millis < 10_000) {
            return String.format("%d.%ds ago", millis / 1000, millis % 1000 / 100);
        }
        long seconds = millis / 1000;
        if (seconds < 60 * 2) {
            return seconds + "s ago";
        }
        if (seconds < 3600 * 2) {
            return seconds / 60 + "m ago";
        }
        return seconds < 86_400 * 2 ? seconds / 3600 + "h ago" : seconds / 86_400 + "d ago";
    }

    private static long failures(Map<String, Object> destination) {
        return map(destination.get("failures")).values().stream().mapToLong(StatusReport::number).sum();
    }

    /**
     * {@code java.net.Socket.connect(SocketAddress, int)} for the agent's
     * {@code java.net.Socket.connect(Ljava/net/SocketAddress;I)V}: the descriptor's parameter types, without
     * their packages, and no return type.
     */
    static String readable(String method) {
        int parameters = method.indexOf('(');
        try {
            return method.substring(0, parameters) + MethodTypeDesc.ofDescriptor(method.substring(parameters))
                    .parameterList().stream().map(ClassDesc::displayName).collect(Collectors.joining(", ", "(", ")"));
        } catch (IllegalArgumentException | IndexOutOfBoundsException notADescriptor) {
            return method;
        }
    }

    private static String destinationName(Map<String, Object> destination) {
        String remote = String.valueOf(destination.get("remote"));
        Object host = destination.get("host");
        return EventLine.namesMoreThan(host, remote) ? remote + " (" + host + ")" : remote;
    }

    /** {@code 1 rule in force from /etc/app/rules.yaml, mode inject}, for the commands that change rules. */
    static String rulesInForce(Map<String, Object> status) {
        Object source = status.get("rules_source");
        return RuleSet.count(list(status.get("rules")).size()) + " in force"
                + (RuleSet.NO_SOURCE.equals(source) ? "" : " from " + source) + ", mode " + status.get("mode");
    }

    /**
     * Attempts are counted as they finish and by result once the recorder's thread has taken them
     * from the ring, so under load a few are between the two; those the ring refused are dropped.
     */
    private static String notRecordedYet(Map<String, Object> status, Map<String, Object> results) {
        long accounted = droppedAtRing(status);
        for (Object count : results.values()) {
            accounted += number(count);
        }
        long waiting = number(status.get("attempts")) - accounted;
        return waiting <= 0 ? "" : (results.isEmpty() ? ": " : ", ") + waiting + " not recorded yet";
    }

    /** Events the agent's full ring refused: they reach no recorder, sink or {@code watch}. */
    static long droppedAtRing(Map<String, Object> status) {
        return number(map(status.get("dropped")).get("ring"));
    }

    private static long number(Object value) {
        return value instanceof Number ? ((Number) value).longValue() : 0;
    }

    private static String counts(Map<String, Object> counts, String lead) {
        if (counts.isEmpty()) {
            return "";
        }
        return counts.entrySet().stream().map(count -> count.getKey() + " " + count.getValue())
                .collect(Collectors.joining(", ", lead, ""));
    }

    private static String nonZero(Map<String, Object> counts) {
        Map<String, Object> nonZero = counts.entrySet().stream()
                .filter(count -> !Long.valueOf(0).equals(count.getValue()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
                        java.util.TreeMap::new));
        return nonZero.isEmpty() ? "none" : counts(nonZero, "");
    }

    @SuppressWarnings("unchecked")
    private static <K, V> Map<K, V> map(Object value) {
        return value instanceof Map ? (Map<K, V>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object value) {
        return value instanceof List ? (List<T>) value : List.of();
    }
}
