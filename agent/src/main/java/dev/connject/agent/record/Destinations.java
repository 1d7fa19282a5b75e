package dev.connject.agent.record;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What {@code status} shows per destination: how many connects, how many failed and how, and
 * how long the successful ones took (p50, p99, max, from an HdrHistogram). Kept by the recorder's
 * thread; the first {@value #MOST} destinations are tracked one by one, the rest together.
 */
public final class Destinations {

    static final int MOST = 256;
    private static final String OTHERS = "(others)";
    /** Latencies up to an hour, to two significant digits: a few kilobytes a destination. */
    private static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

    private final Map<Remote, Destination> byRemote = new LinkedHashMap<>();
    /** Looked up with, then copied only for a destination not seen before: a known one costs no allocation. */
    private final Remote probe = new Remote();
    private final Remote others = new Remote();

    synchronized void record(InetAddress address, int port, String path, String host, String result, long micros) {
        probe.address = address;
        probe.port = port;
        probe.path = path;
        Destination destination = byRemote.get(probe);
        if (destination == null) {
            Remote key = byRemote.size() < MOST ? probe.copy() : others;
            destination = byRemote.computeIfAbsent(key, Destination::new);
        }
        destination.record(host, result, micros);
    }

    synchronized List<Summary> summaries() {
        List<Summary> summaries = new ArrayList<>(byRemote.size());
        for (Destination destination : byRemote.values()) {
            summaries.add(destination.summary());
        }
        return summaries;
    }

    /**
     * One destination's aggregates.
     *
     * @param connected the attempts that connected, whose durations the percentiles and maximum are of; with
     *                  none, those are 0 and mean nothing
     * @param failures failed attempts by result: errno names, {@code timeout}, {@code abandoned}
     */
    public record Summary(String remote, String host, long attempts, long connected, Map<String, Long> failures,
                          long p50Micros, long p99Micros, long maxMicros) {
        public Summary {
            failures = Map.copyOf(failures);
        }
    }

    /** Where connects went: an address and port, or a UNIX-domain path; neither for the destinations beyond the limit. */
    private static final class Remote {
        InetAddress address;
        int port;
        String path;

        Remote copy() {
            Remote copy = new Remote();
            copy.address = address;
            copy.port = port;
            copy.path = path;
            return copy;
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

        Destination(Remote remote) {
            this.remote = remote;
        }

        void record(String hostName, String result, long micros) {
            attempts++;
            if (hostName != null) {
                host = hostName;
            }
            if (Outcomes.CONNECTED.equals(result)) {
                connected.recordValue(Math.max(0, Math.min(micros, HIGHEST_MICROS)));
            } else {
                failures.merge(result, 1L, Long::sum);
            }
        }

        Summary summary() {
            return new Summary(remote.toString(), host, attempts, connected.getTotalCount(), failures,
                    connected.getValueAtPercentile(50), connected.getValueAtPercentile(99), connected.getMaxValue());
        }
    }
}
