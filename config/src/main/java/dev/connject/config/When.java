package dev.connject.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code when:} section: which of the matching connects a rule acts on. Counters count per
 * JVM, across threads, from the moment the rules were loaded.
 *
 * @param probability chance of acting on an eligible connect, 0..1
 * @param skip        matching connects let through before the rule may act
 * @param every       after the skipped ones, act on every Nth matching connect (1 = each)
 * @param times       at most this many injections, then the rule is spent; 0 = no limit
 * @param from        active from this long after the rules were loaded
 * @param duration    active for this long after {@code from}; empty = for ever
 */
public record When(double probability, long skip, long every, long times, Duration from,
                   Optional<Duration> duration) {

    public static When always() {
        return new When(1.0, 0, 1, 0, Duration.ZERO, Optional.empty());
    }

    public When {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(duration, "duration");
        if (!(probability >= 0 && probability <= 1) || skip < 0 || every < 1 || times < 0
                || from.isNegative() || (duration.isPresent() && duration.get().isNegative())) {
            throw new IllegalArgumentException("when settings out of range");
        }
    }
}
