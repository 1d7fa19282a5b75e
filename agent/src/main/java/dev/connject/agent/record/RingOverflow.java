package dev.connject.agent.record;

import dev.connject.agent.log.AgentLog;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The events the ring refused because connects came faster than the recorder's thread took them:
 * counted for {@code status}, and said on stderr once when such an overflow begins and once, with
 * how many events it cost, when it has ended, so that whoever reads the JSON Lines file knows it
 * has gaps, and how large.
 */
final class RingOverflow {

    /** How long without a refused event ends an overflow: a burst's refusals are told as one. */
    private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final AtomicLong refused = new AtomicLong();
    /** The refusals the recorder's thread has looked at, and when it last saw them grow. */
    private long seen;
    private long lastGrowthNanos;
    /** The refusals before the overflow going on, or -1 when none is. */
    private long before = -1;

    /** On a connecting thread: one event refused. */
    void refuse() {
        refused.incrementAndGet();
    }

    long count() {
        return refused.get();
    }

    /** On the recorder's thread: says when an overflow has begun or ended; {@code closing} ends one now. */
    void look(boolean closing) {
        long count = refused.get();
        long now = System.nanoTime();
        if (count != seen) {
            if (before < 0) {
                before = seen;
                AgentLog.warn("connects come faster than connject's recorder takes them: their events are dropped"
                        + " until it catches up, and counted in status");
            }
            seen = count;
            lastGrowthNanos = now;
        }
        if (before >= 0 && (closing || now - lastGrowthNanos > QUIET_NANOS)) {
            long dropped = count - before;
            AgentLog.info("the recorder has caught up; " + dropped + (dropped == 1 ? " event was" : " events were")
                    + " dropped meanwhile, counted in status");
            before = -1;
        }
    }
}
