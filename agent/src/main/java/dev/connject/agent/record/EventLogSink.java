package dev.connject.agent.record;

import dev.connject.config.Recording;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One human-readable line per attempt on logger {@code dev.connject.events}, at {@code record.log}'s level. */
final class EventLogSink {

    private static final Logger EVENTS = LoggerFactory.getLogger("dev.connject.events");

    private final Recording.EventLog level;

    EventLogSink(Recording.EventLog level) {
        this.level = level;
    }

    void accept(ConnectEvent event) {
        if (level == Recording.EventLog.INFO ? EVENTS.isInfoEnabled() : EVENTS.isDebugEnabled()) {
            String line = line(event);
            if (level == Recording.EventLog.INFO) {
                EVENTS.info(line);
            } else {
                EVENTS.debug(line);
            }
        }
    }

    /** {@code connect #17 socket tcp db.internal 10.0.0.5:5432 -> ECONNREFUSED 812us injected by payments-db-down}. */
    static String line(ConnectEvent event) {
        StringBuilder line = new StringBuilder(160).append("connect #").append(event.id()).append(' ')
                .append(event.api()).append(' ').append(event.protocol());
        if (event.host() != null) {
            line.append(' ').append(event.host());
        }
        line.append(' ').append(event.remote() == null ? "(disconnect)" : event.remote())
                .append(" -> ").append(event.result()).append(' ').append(event.durationMicros()).append("us");
        if (event.injected()) {
            line.append(" injected by ").append(event.rule());
        } else if (event.dryRun()) {
            line.append(" would be injected by ").append(event.rule());
        }
        if (event.caller() != null) {
            line.append(" from ").append(event.caller());
        }
        return line.toString();
    }
}
