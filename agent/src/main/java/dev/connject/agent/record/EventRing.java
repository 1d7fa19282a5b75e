package dev.connject.agent.record;

import dev.connject.agent.attempt.ConnectAttempt;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The bounded hand-off from connecting threads to the recorder's thread: many producers, one
 * consumer, slots allocated once. A producer never waits: when the ring is full its event is
 * refused and counted as dropped by the caller.
 */
final class EventRing {

    /**
     * Where in {@link #positions} the two positions live: each on a cache line of its own, away
     * from the array's header and from each other, so that the consumer's writes do not evict
     * what producers read on every offer.
     */
    private static final int CLAIMED = 8;
    private static final int CONSUMED = 24;

    private final EventSlot[] slots;
    private final int mask;
    private final AtomicLongArray positions = new AtomicLongArray(CONSUMED + 8);
    /**
     * The consumer's position as a producer last read it, re-read only when it looks a given
     * distance behind ({@link #behind}).
     * It only ever holds values the position had, which only grows: stale, it is a lower bound.
     */
    private long consumedSeen;

    EventRing(int capacityPowerOfTwo) {
        if (Integer.bitCount(capacityPowerOfTwo) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacityPowerOfTwo);
        }
        slots = EventSlot.ring(capacityPowerOfTwo);
        mask = capacityPowerOfTwo - 1;
    }

    /** Copies the attempt into a free slot; {@code false} when the ring is full. */
    boolean offer(ConnectAttempt attempt) {
        long sequence;
        do {
            sequence = positions.get(CLAIMED);
            if (behind(sequence, slots.length)) {
                return false;
            }
        } while (!positions.compareAndSet(CLAIMED, sequence, sequence + 1));
        EventSlot slot = slots[(int) (sequence & mask)];
        slot.copyFrom(attempt);
        slot.published = sequence + 1;
        return true;
    }

    /**
     * Whether a quarter of the ring or more waits for the consumer: once a quarter lap while the
     * consumer keeps up, on every call while it lags, a producer reads the consumer's position.
     */
    boolean backlogged() {
        return behind(positions.get(CLAIMED), slots.length / 4);
    }

    /**
     * Whether the consumer is at least {@code distance} behind {@code claimed}. Its position is
     * read only when the last one seen is that far behind, since it is written on another core.
     */
    private boolean behind(long claimed, int distance) {
        if (claimed - consumedSeen < distance) {
            return false;
        }
        consumedSeen = positions.get(CONSUMED);
        return claimed - consumedSeen >= distance;
    }

    /** The next slot to consume once its producer has filled it, or {@code null}; only the consumer calls this. */
    EventSlot next() {
        long sequence = positions.get(CONSUMED);
        EventSlot slot = slots[(int) (sequence & mask)];
        return slot.published == sequence + 1 ? slot : null;
    }

    /** Frees the slot {@link #next()} returned. */
    void release(EventSlot slot) {
        slot.clear();
        positions.lazySet(CONSUMED, positions.get(CONSUMED) + 1);
    }

    boolean isEmpty() {
        return positions.get(CLAIMED) == positions.get(CONSUMED);
    }
}
