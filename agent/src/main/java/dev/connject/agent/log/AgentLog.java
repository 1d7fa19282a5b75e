package dev.connject.agent.log;

import java.util.Locale;

/**
 * connject's own messages, on the application's stderr, one line each, prefixed {@code connject:}.
 * Plain and direct, because the first of them is written while the application is starting.
 */
public final class AgentLog {

    private AgentLog() {
    }

    public static void error(String message) {
        print(LogLevel.ERROR, message, null);
    }

    public static void error(String message, Throwable cause) {
        print(LogLevel.ERROR, message, cause);
    }

    public static void warn(String message) {
        print(LogLevel.WARN, message, null);
    }

    public static void warn(String message, Throwable cause) {
        print(LogLevel.WARN, message, cause);
    }

    public static void info(String message) {
        print(LogLevel.INFO, message, null);
    }

    public static void debug(String message) {
        print(LogLevel.DEBUG, message, null);
    }

    static void print(LogLevel level, String message, Throwable cause) {
        if (!LogLevel.current().allows(level)) {
            return;
        }
        StringBuilder line = new StringBuilder("connject: ");
        if (level != LogLevel.INFO) {
            line.append(level.name().toLowerCase(Locale.ROOT)).append(": ");
        }
        line.append(message);
        if (cause != null) {
            line.append(": ").append(cause);
        }
        System.err.println(line);
    }
}
