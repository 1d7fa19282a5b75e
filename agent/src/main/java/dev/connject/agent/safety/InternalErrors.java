package dev.connject.agent.safety;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import dev.connject.agent.log.AgentLog;

/**
 * Where connject's own failures go: counted per place, logged the first time each place fails,
 * never passed on to the application.
 */
public final class InternalErrors {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** Counts a failure at {@code place}; logs it, with its stack trace, only the first time. */
    public void report(String place, Throwable failure) {
        LongAdder count = counts.get(place);
        if (count == null) {
            LongAdder fresh = new LongAdder();
            count = counts.putIfAbsent(place, fresh);
            if (count == null) {
                count = fresh;
                AgentLog.warn("internal error in " + place
                        + "; the application is not affected, further ones are only counted", failure);
            }
        }
        count.increment();
    }

    /** Failures so far, by place. */
    public Map<String, Long> counts() {
        Map<String, Long> snapshot = new java.util.TreeMap<>();
        counts.forEach((place, count) -> snapshot.put(place, count.sum()));
        return snapshot;
    }

    public long total() {
        long total = 0;
        for (LongAdder count : counts.values()) {
            total += count.sum();
        }
        return total;
    }
}
