package dev.connject.agent.fault;

import dev.connject.agent.platform.PlatformErrnos;
import dev.connject.config.DelayRange;
import dev.connject.config.Delivery;
import dev.connject.config.Fault;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * A rule's fault, ready to apply: its errno resolved to this platform's number, message and
 * exception class once, when the rule first matches.
 *
 * @param error         the errno to deliver, or {@code null} for a timeout or a delay alone
 * @param delivery      when the errno reaches the application
 * @param timeoutMillis for a blackhole, how long it lasts when the application sets no timeout of its own; else 0
 * @param delayMinNanos the shortest delay before the outcome; 0 for none
 * @param delayMaxNanos the longest
 */
public record ArmedFault(InjectedError error, Delivery delivery, long timeoutMillis, long delayMinNanos,
                         long delayMaxNanos) {

    /** @param errnos the platform's errno table, read only for a fault with an errno: the first read loads JNA */
    public static ArmedFault arm(Fault fault, Supplier<PlatformErrnos> errnos) {
        InjectedError error = fault.errno().map(name -> InjectedError.of(name, errnos.get())).orElse(null);
        Optional<DelayRange> delay = fault.delay();
        return new ArmedFault(error, fault.delivery(), fault.timeout().map(Duration::toMillis).orElse(0L),
                delay.map(range -> range.min().toNanos()).orElse(0L),
                delay.map(range -> range.max().toNanos()).orElse(0L));
    }

    public boolean isBlackhole() {
        return timeoutMillis > 0;
    }

    /** This attempt's delay: fixed, or drawn uniformly within the range. */
    long delayNanos() {
        if (delayMaxNanos == delayMinNanos) {
            return delayMinNanos;
        }
        return ThreadLocalRandom.current().nextLong(delayMinNanos, delayMaxNanos + 1);
    }
}
