package dev.connject.agent.log;

/** The {@code log} option: how much of connject's own output reaches stderr. */
public enum LogLevel {
    OFF(Integer.MAX_VALUE), ERROR(40), WARN(30), INFO(20), DEBUG(10);

    private static volatile LogLevel current = INFO;

    private final int threshold;

    LogLevel(int threshold) {
        this.threshold = threshold;
    }

    public static LogLevel current() {
        return current;
    }

    public static void set(LogLevel level) {
        current = level;
    }

    /** Whether a message at {@code level} is written. */
    public boolean allows(LogLevel level) {
        return level.threshold >= threshold;
    }

    /** The level with this option value, or {@code null}. */
    public static LogLevel ofName(String name) {
        for (LogLevel level : values()) {
            if (level.name().equalsIgnoreCase(name)) {
                return level;
            }
        }
        return null;
    }
}
