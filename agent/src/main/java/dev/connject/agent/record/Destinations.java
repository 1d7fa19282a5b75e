package dev.connject.agent.record;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What {@code status} shows per destination: how many connects, how many failed and how, how
 * long the successful ones took (p50, p99, max, from an HdrHistogram), and when the last one
 * ended and the last failure came. Kept by the recorder's thread.
 *
 * <p>The {@value #MOST} destinations connected to most recently are tracked one by one. When
 * another comes, the one connected to longest ago joins {@code (others)}, its counts added to
 * theirs, so that a JVM whose peers come and go, as pods do, keeps seeing its current ones,
 * and the destinations' attempts still add up to all of them.
 */
public final class Destinations {

    static final int MOST = 256;
    private static final String OTHERS = "(others)";
    /** Latencies up to an hour, to two significant digits: a few kilobytes a destination. */
    private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    /** In the order they were last connected to, the longest ago first. */
    private final Map<Remote, Destination> byRemote = new LinkedHashMap<>(MOST * 2, 0.75f, true);
    /** Looked up with; copied into a destination's own key only when it is new: a known one costs no allocation. */
    private final Remote probe = new Remote();
    private Destination others;

    /**
     * @param micros     how long the attempt took
     * @param endedMillis when it ended, in milliseconds since the epoch
     */
    synchronized void record(InetAddress address, int port, String path, String host, String result, long micros,
                             long endedMillis) {
        probe.address = address;
        probe.port = port;
        probe.path = path;
        Destination destination = byRemote.get(probe);
        if (destination == null) {
            destination = byRemote.size() < MOST ? new Destination(new Remote()) : leastRecent();
            destination.remote.set(probe);
            byRemote.put(destination.remote, destination);
        }
        destination.record(host, result, micros, endedMillis);
    }

    /**
     * Takes out the destination connected to longest ago, adds its counts to {@code (others)}, and
     * returns it emptied, to be used for the new one: a JVM whose peers keep changing allocates
     * nothing for them.
     */
    private Destination leastRecent() {
        Iterator<Destination> longestAgo = byRemote.values().iterator();
        Destination destination = longestAgo.next();
        longestAgo.remove();
        if (others == null) {
            others = new Destination(new Remote());
        }
        others.add(destination);
        destination.clear();
        return destination;
    }

    synchronized List<Summary> summaries() {
        List<Summary> summaries = new ArrayList<>(byRemote.size() + 1);
        for (Destination destination : byRemote.values()) {
            summaries.add(destination.summary());
        }
        if (others != null) {
            summaries.add(others.summary());
        }
        return summaries;
    }

    /**
     * One destination's aggregates.
     *
     * @param connected the attempts that connected, whose durations the percentiles and maximum are of; with
     *                  none, those are 0 and mean nothing
     * @param failures failed attempts by result: errno names, {@code timeout}, {@code abandoned}
     * @param last the attempt that ended last
     * @param lastFailure the failed attempt that ended last, {@code null} when none failed
     */
    public record Summary(String remote, String host, long attempts, long connected, Map<String, Long> failures,
                          long p50Micros, long p99Micros, long maxMicros, Ended last, Ended lastFailure) {
        public Summary {
            failures = Map.copyOf(failures);
        }
    }

    /** When an attempt ended, and how. */
    public record Ended(Instant time, String result) {
    }

    /** Where connects went: an address and port, or a UNIX-domain path; neither for {@code (others)}. */
    private static final class Remote {
        InetAddress address;
        int port;
        String path;

        void set(Remote other) {
            address = other.address;
            port = other.port;
            path = other.path;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Remote && Objects.equals(address, ((Remote) other).address)
                    && port == ((Remote) other).port && Objects.equals(path, ((Remote) other).path);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(address) * 31 + port + Objects.hashCode(path);
        }

        @Override
        public String toString() {
            if (path != null) {
                return path;
            }
            return address == null ? OTHERS : Addresses.format(address, port);
        }
    }

    private static final class Destination {
        private final Remote remote;
        private final Histogram connected = new Histogram(HIGHEST_MICROS, 2);
        private final Map<String, Long> failures = new TreeMap<>();
        private String host;
        private long attempts;
        private long lastMillis;
        private String lastResult;
        private long lastFailureMillis;
        private String lastFailureResult;

        Destination(Remote remote) {
            this.remote = remote;
        }

        void record(String hostName, String result, long micros, long endedMillis) {
            attempts++;
            if (hostName != null) {
                host = hostName;
            }
            if (Outcomes.CONNECTED.equals(result)) {
                connected.recordValue(Math.max(0, Math.min(micros, HIGHEST_MICROS)));
            } else {
                failures.merge(result, 1L, Long::sum);
                lastFailureMillis = endedMillis;
                lastFailureResult = result;
            }
            lastMillis = endedMillis;
            lastResult = result;
        }

        /** Takes in another destination's counts, as {@code (others)} does; its host is not theirs. */
        void add(Destination other) {
            attempts += other.attempts;
            connected.add(other.connected);
            other.failures.forEach((result, count) -> failures.merge(result, count, Long::sum));
            if (other.lastMillis >= lastMillis) {
                lastMillis = other.lastMillis;
                lastResult = other.lastResult;
            }
            if (other.lastFailureResult != null && other.lastFailureMillis >= lastFailureMillis) {
                lastFailureMillis = other.lastFailureMillis;
                lastFailureResult = other.lastFailureResult;
            }
        }

        void clear() {
            connected.reset();
            failures.clear();
            host = null;
            attempts = 0;
            lastMillis = 0;
            lastResult = null;
            lastFailureMillis = 0;
            lastFailureResult = null;
        }

        Summary summary() {
            return new Summary(remote.toString(), host, attempts, connected.getTotalCount(), failures,
                    connected.getValueAtPercentile(50), connected.getValueAtPercentile(99), connected.getMaxValue(),
                    ended(lastMillis, lastResult), ended(lastFailureMillis, lastFailureResult));
        }

        private static Ended ended(long millis, String result) {
            return result == null ? null : new Ended(Instant.ofEpochMilli(millis), result);
        }
    }
}
