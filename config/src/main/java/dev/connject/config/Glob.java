package dev.connject.config;

import java.util.Objects;

/**
 * A glob as written in a rules file. {@code *} matches any run of characters other than the
 * separator, {@code **} any run including it, {@code ?} one character other than the separator.
 *
 * @param separator the character {@code *} does not cross ({@code '.'} for hosts and callers,
 *                  {@code '/'} for paths), or {@code 0} when there is none (thread names)
 */
public record Glob(String text, char separator) {
    public Glob {
        Objects.requireNonNull(text, "text");
    }
}
