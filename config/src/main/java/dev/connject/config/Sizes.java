package dev.connject.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as rules files write them: a number of bytes, or a whole number with {@code KB},
 * {@code MB} or {@code GB}, which are powers of 1024 as they are for file sizes in {@code ls -h}.
 */
public final class Sizes {
    private static final Pattern SIZE = Pattern.compile("([0-9]+)(KB|MB|GB)?");

    private Sizes() {
    }

    /**
     * The number of bytes {@code text} denotes.
     *
     * @throws IllegalArgumentException with a message fit to show the user
     */
    public static long parse(String text) {
        Matcher matcher = SIZE.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("bad size '" + text
                    + "'; write a number of bytes, or a whole number with KB, MB or GB, such as 64MB");
        }
        try {
            return Math.multiplyExact(Long.parseLong(matcher.group(1)), unit(matcher.group(2)));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("size '" + text + "' is too large", e);
        }
    }

    private static long unit(String symbol) {
        if (symbol == null) {
            return 1;
        }
        return switch (symbol) {
            case "KB" -> 1L << 10;
            case "MB" -> 1L << 20;
            default -> 1L << 30;
        };
    }
}
