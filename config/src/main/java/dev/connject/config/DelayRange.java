package dev.connject.config;

import java.time.Duration;
import java.util.Objects;

/** A latency: fixed when {@code min} equals {@code max}, otherwise drawn uniformly between them. */
public record DelayRange(Duration min, Duration max) {
    public DelayRange {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("bad delay range " + min + "-" + max);
        }
    }

    public static DelayRange fixed(Duration delay) {
        return new DelayRange(delay, delay);
    }
}
