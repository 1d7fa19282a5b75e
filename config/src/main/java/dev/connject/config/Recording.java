package dev.connject.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code record:} section: where connect events go.
 *
 * @param log        level of the per-attempt line on logger {@code dev.connject.events}
 * @param jsonl      file that receives one JSON object per attempt, appended; {@code %p} in it
 *                   stands for the JVM's process id ({@link #jsonlOf})
 * @param jsonlMax   size in bytes at which the JSONL file is rotated; 0 means never
 * @param jsonlKeep  rotated JSONL files kept besides the current one
 * @param jfr        whether {@code dev.connject.Connect} JFR events are emitted while a recording is on
 * @param stack      caller frames kept per attempt; 0 keeps only the first application frame
 * @param callers    which attempts have their callers read: all, or only those that fail
 * @param sample     fraction of successful connects recorded; failures are always recorded
 */
public record Recording(EventLog log, Optional<Path> jsonl, long jsonlMax, int jsonlKeep,
                        boolean jfr, int stack, Callers callers, double sample) {

    /** Rotated JSONL files kept when {@code jsonl_keep} is not given. */
    public static final int DEFAULT_JSONL_KEEP = 5;

    /** What is recorded when the file has no {@code record:} section. */
    public static Recording defaults() {
        return new Recording(EventLog.OFF, Optional.empty(), 0, DEFAULT_JSONL_KEEP, true, 0, Callers.ALL, 1.0);
    }

    /** What {@link #jsonlOf} replaces with the process id, as in the JDK's {@code -Xlog} and JFR file names. */
    public static final String PID = "%p";

    /** The JSON Lines file of the JVM with this process id: {@link #jsonl} with {@link #PID} replaced by it. */
    public Optional<Path> jsonlOf(long pid) {
        if (jsonl.isEmpty() || !jsonl.get().toString().contains(PID)) {
            return jsonl;
        }
        return Optional.of(Path.of(jsonl.get().toString().replace(PID, Long.toString(pid))));
    }

    public Recording {
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(jsonl, "jsonl");
        Objects.requireNonNull(callers, "callers");
        if (jsonlMax < 0 || jsonlKeep < 0 || stack < 0 || !(sample >= 0 && sample <= 1)) {
            throw new IllegalArgumentException("recording settings out of range");
        }
    }

    /** Level of the per-attempt log line. */
    public enum EventLog implements YamlNamed {
        OFF("off"), DEBUG("debug"), INFO("info");

        private final String yamlName;

        EventLog(String yamlName) {
            this.yamlName = yamlName;
        }

        @Override
        public String yamlName() {
            return yamlName;
        }

        /** The level with this rules-file name, or {@code null}. */
        public static EventLog ofYamlName(String name) {
            for (EventLog level : values()) {
                if (level.yamlName.equals(name)) {
                    return level;
                }
            }
            return null;
        }
    }

    /**
     * Which attempts have their calling stack read ({@code record.caller}). Reading it is the
     * largest part of what recording costs a connect: a stack walk, about a kilobyte of garbage.
     */
    public enum Callers implements YamlNamed {
        /** Every attempt, where it starts: the code that called connect. */
        ALL("all"),
        /**
         * Only failed attempts, where the failure reaches the application: for a blocking connect
         * the code that called it, for a non-blocking one the code that finished or closed it.
         */
        FAILURES("failures");

        private final String yamlName;

        Callers(String yamlName) {
            this.yamlName = yamlName;
        }

        @Override
        public String yamlName() {
            return yamlName;
        }
    }
}
