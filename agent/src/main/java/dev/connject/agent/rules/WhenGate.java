package dev.connject.agent.rules;

import dev.connject.config.When;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A rule's {@code when:}, with its counters: which of the connects the rule matches it acts on.
 * Counts per JVM across threads; {@code times} is exact under any concurrency, because an
 * injection is only granted by a successful compare-and-set below the limit.
 */
final class WhenGate {

    private final When when;
    private final long activeFromNanos;
    private final long activeUntilNanos;
    private final long seed;
    private final boolean seeded;
    private final AtomicLong matched = new AtomicLong();
    private final AtomicLong draws = new AtomicLong();
    private final AtomicLong acted = new AtomicLong();

    /**
     * @param loadedAtNanos when the rules were loaded, as {@code System.nanoTime()}
     * @param seed          the rules file's seed mixed with the rule's position, when {@code seeded}
     */
    WhenGate(When when, long loadedAtNanos, long seed, boolean seeded) {
        this.when = when;
        this.activeFromNanos = loadedAtNanos + when.from().toNanos();
        this.activeUntilNanos = when.duration().isPresent() ? activeFromNanos + when.duration().get().toNanos()
                : Long.MAX_VALUE;
        this.seed = seed;
        this.seeded = seeded;
    }

    /** Called for a connect the rule matches: whether the rule acts on it. Outside its window the rule counts nothing. */
    boolean admits(long nowNanos) {
        if (nowNanos - activeFromNanos < 0 || nowNanos - activeUntilNanos >= 0) {
            return false;
        }
        long n = matched.incrementAndGet();
        if (n <= when.skip() || (n - when.skip() - 1) % when.every() != 0) {
            return false;
        }
        if (when.probability() < 1.0 && draw() >= when.probability()) {
            return false;
        }
        if (when.times() == 0) {
            acted.incrementAndGet();
            return true;
        }
        for (long done = acted.get(); done < when.times(); done = acted.get()) {
            if (acted.compareAndSet(done, done + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Connects the rule matched while active. */
    long matched() {
        return matched.get();
    }

    /** Connects the rule acted on: injected, or recorded as would-be injections in dry-run. */
    long acted() {
        return acted.get();
    }

    boolean spent() {
        return when.times() > 0 && acted.get() >= when.times();
    }

    /** A draw in [0, 1): from the seed and the draw's number when seeded, so that runs repeat. */
    private double draw() {
        if (!seeded) {
            return ThreadLocalRandom.current().nextDouble();
        }
        long z = seed + draws.getAndIncrement() * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }
}
