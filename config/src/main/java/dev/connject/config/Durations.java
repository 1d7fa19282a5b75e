package dev.connject.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as rules files write them: a whole number and a unit, {@code 250ms}, {@code 2s},
 * {@code 5m}, {@code 1h}. Only {@code 0} may go without a unit; any other bare number is refused
 * because whether it meant milliseconds or seconds cannot be told.
 */
public final class Durations {
    private static final Pattern DURATION = Pattern.compile("([0-9]+)(ms|s|m|h)");

    private Durations() {
    }

    /**
     * The duration {@code text} denotes.
     *
     * @throws IllegalArgumentException with a message fit to show the user
     */
    public static Duration parseDuration(String text) {
        if (text.equals("0")) {
            return Duration.ZERO;
        }
        Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches()) {
            if (text.matches("[0-9]+")) {
                throw new IllegalArgumentException("duration '" + text + "' needs a unit: " + text + "ms, "
                        + text + "s, " + text + "m or " + text + "h");
            }
            throw new IllegalArgumentException("bad duration '" + text
                    + "'; write a whole number and a unit: 250ms, 2s, 5m or 1h");
        }
        try {
            return Duration.of(Long.parseLong(matcher.group(1)), unit(matcher.group(2)));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("duration '" + text + "' is too long", e);
        }
    }

    /**
     * The latency {@code text} denotes: one duration, or two joined by {@code -} for a delay
     * drawn between them, such as {@code 100ms-500ms}.
     *
     * @throws IllegalArgumentException with a message fit to show the user
     */
    public static DelayRange parseDelay(String text) {
        int dash = text.indexOf('-');
        if (dash < 0) {
            return DelayRange.fixed(parseDuration(text));
        }
        Duration min;
        Duration max;
        try {
            min = parseDuration(text.substring(0, dash));
            max = parseDuration(text.substring(dash + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad delay range '" + text
                    + "'; write two durations joined by '-', such as 100ms-500ms", e);
        }
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("delay range '" + text + "' is reversed; write the shorter delay first");
        }
        return new DelayRange(min, max);
    }

    private static ChronoUnit unit(String symbol) {
        return switch (symbol) {
            case "ms" -> ChronoUnit.MILLIS;
            case "s" -> ChronoUnit.SECONDS;
            case "m" -> ChronoUnit.MINUTES;
            default -> ChronoUnit.HOURS;
        };
    }
}
