package dev.connject.config;

import java.io.Serializable;
import java.util.Objects;

/**
 * One thing wrong with a rules file, where it is: what editors and compilers print, so that a
 * terminal or an IDE can jump to it. Serializable because it travels inside
 * {@link InvalidRulesException}, which a JMX client may receive.
 *
 * @param source  the file as the user named it
 * @param line    1-based
 * @param column  1-based
 * @param message what is wrong and, where it helps, how to fix it
 */
public record Problem(String source, int line, int column, String message) implements Serializable {
    public Problem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
    }

    /** {@code SOURCE:LINE:COLUMN: message}. */
    @Override
    public String toString() {
        return source + ":" + line + ":" + column + ": " + message;
    }
}
