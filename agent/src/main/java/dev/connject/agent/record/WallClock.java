package dev.connject.agent.record;

import java.time.Instant;

/**
 * Turns {@code System.nanoTime()} readings taken on connecting threads into wall-clock instants,
 * so that a connecting thread reads one clock and allocates nothing.
 */
final class WallClock {

    private final long epochNanosAtBase;
    private final long nanoTimeAtBase;

    WallClock() {
        Instant now = Instant.now();
        this.nanoTimeAtBase = System.nanoTime();
        this.epochNanosAtBase = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    long epochNanos(long nanoTime) {
        return epochNanosAtBase + (nanoTime - nanoTimeAtBase);
    }

    Instant at(long nanoTime) {
        long epochNanos = epochNanos(nanoTime);
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    }
}
