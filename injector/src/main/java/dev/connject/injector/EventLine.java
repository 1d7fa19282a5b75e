package dev.connject.injector;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * One connect event, a JSON line of the agent's, as a line for people: local time, event id,
 * thread, API, protocol, host asked for, address, outcome, duration, and the rule that injected it.
 *
 * <pre>
 * 12:00:01.123 #17 [main] socket tcp db.internal 10.0.0.5:5432 -&gt; ECONNREFUSED 812us injected by payments-db-down
 * 12:00:01.125 #18 [virtual] socket tcp 10.0.0.5:5432 -&gt; connected 96us
 * </pre>
 *
 * <p>A virtual thread the application did not name shows as {@code [virtual]}.
 */
final class EventLine {

    private final DateTimeFormatter time;

    EventLine(ZoneId zone) {
        this.time = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(zone);
    }

    String format(String json) {
        Map<String, Object> event = JsonReader.object(json);
        StringBuilder line = new StringBuilder(160);
        line.append(time.format(Instant.parse((String) event.get("time"))))
                .append(" #").append(event.get("id"))
                .append(" [").append(threadName(event)).append("] ")
                .append(event.get("api")).append(' ').append(event.get("protocol")).append(' ');
        String remote = String.valueOf(event.get("remote"));
        if (namesMoreThan(event.get("host"), remote)) {
            line.append(event.get("host")).append(' ');
        }
        line.append(remote).append(" -> ").append(event.get("result"))
                .append(' ').append(event.get("duration_us")).append("us");
        if (Boolean.TRUE.equals(event.get("injected"))) {
            line.append(" injected by ").append(event.get("rule"));
        } else if (Boolean.TRUE.equals(event.get("dry_run"))) {
            line.append(" would be injected by ").append(event.get("rule")).append(" (dry-run)");
        }
        return line.toString();
    }

    /** The thread's name; a virtual thread has none unless the application gave it one. */
    private static Object threadName(Map<String, Object> event) {
        Object name = event.get("thread");
        return "".equals(name) && Boolean.TRUE.equals(event.get("virtual")) ? "virtual" : name;
    }

    /** Whether the host name asked for says more than the address it was resolved to. */
    static boolean namesMoreThan(Object host, String remote) {
        return host != null && !remote.startsWith(host + ":") && !remote.startsWith("[" + host + "]");
    }
}
