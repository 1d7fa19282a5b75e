package dev.connject.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code fault:} section: what happens to a connect a rule selects. One of
 * <ul>
 *   <li>an errno, optionally after a delay;</li>
 *   <li>a timeout: a blackhole that never answers, failing with ETIMEDOUT after {@code timeout}
 *       unless the application's own deadline comes first;</li>
 *   <li>a delay alone: the connect goes ahead, later.</li>
 * </ul>
 */
public record Fault(Optional<Errno> errno, Delivery delivery, Optional<Duration> timeout,
                    Optional<DelayRange> delay) {
    public Fault {
        Objects.requireNonNull(errno, "errno");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(delay, "delay");
        if (errno.isPresent() && timeout.isPresent()) {
            throw new IllegalArgumentException("errno and timeout exclude each other");
        }
        if (timeout.isPresent() && delay.isPresent()) {
            throw new IllegalArgumentException("delay has no effect with timeout");
        }
        if (errno.isEmpty() && timeout.isEmpty() && delay.isEmpty()) {
            throw new IllegalArgumentException("a fault needs errno, timeout or delay");
        }
    }

    public static Fault errno(Errno errno, Delivery delivery) {
        return new Fault(Optional.of(errno), delivery, Optional.empty(), Optional.empty());
    }

    public static Fault timeout(Duration timeout) {
        return new Fault(Optional.empty(), Delivery.AUTO, Optional.of(timeout), Optional.empty());
    }

    public static Fault delay(DelayRange delay) {
        return new Fault(Optional.empty(), Delivery.AUTO, Optional.empty(), Optional.of(delay));
    }
}
