package dev.connject.agent.record;

import dev.connject.agent.attempt.ConnectAttempt;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounded hand-off from connecting threads to the recorder's thread: many producers, one
 * consumer, slots allocated once. A producer never waits: when the ring is full its event is
 * refused and counted as dropped by the caller.
 */
final class EventRing {

    private final EventSlot[] slots;
    private final int mask;
    private final AtomicLong claimed = new AtomicLong();
    private volatile long consumed;

    EventRing(int capacityPowerOfTwo) {
        if (Integer.bitCount(capacityPowerOfTwo) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: " + capacityPowerOfTwo);
        }
        slots = new EventSlot[capacityPowerOfTwo];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new EventSlot();
        }
        mask = capacityPowerOfTwo - 1;
    }

    /** Copies the attempt into a free slot; {@code false} when the ring is full. */
    boolean offer(ConnectAttempt attempt) {
        long sequence;
        do {
            sequence = claimed.get();
            if (sequence - consumed >= slots.length) {
                return false;
            }
        } while (!claimed.compareAndSet(sequence, sequence + 1));
        EventSlot slot = slots[(int) (sequence & mask)];
        slot.copyFrom(attempt);
        slot.published = sequence + 1;
        return true;
    }

    /** The next slot to consume once its producer has filled it, or {@code null}; only the consumer calls this. */
    EventSlot next() {
        long sequence = consumed;
        EventSlot slot = slots[(int) (sequence & mask)];
        return slot.published == sequence + 1 ? slot : null;
    }

    /** Frees the slot {@link #next()} returned. */
    void release(EventSlot slot) {
        slot.clear();
        consumed = consumed + 1;
    }

    boolean isEmpty() {
        return claimed.get() == consumed;
    }
}
