package dev.connject.agent.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DestinationsTest {

    private static final InetAddress DB = InetAddress.getLoopbackAddress();
    private static final long T = Instant.parse("2026-11-24T19:13:00Z").toEpochMilli();

    private final Destinations destinations = new Destinations();

    /** Durations under 256 µs, which the histogram keeps exactly at two significant digits. */
    @Test
    void timesOnlyTheConnectsThatSucceeded() {
        destinations.record(DB, 5432, null, "db.internal", "connected", 40, T);
        destinations.record(DB, 5432, null, null, "ECONNREFUSED", 9, T + 1);
        destinations.record(DB, 5432, null, null, "connected", 200, T + 2);
        destinations.record(DB, 6432, null, null, "ECONNREFUSED", 7, T + 3);
        destinations.record(DB, 6432, null, null, "timeout", 3_000_000, T + 3004);

        assertThat(destinations.summaries()).containsExactly(
                new Destinations.Summary("127.0.0.1:5432", "db.internal", 3, 2, Map.of("ECONNREFUSED", 1L), 40, 200,
                        200, ended(T + 2, "connected"), ended(T + 1, "ECONNREFUSED")),
                new Destinations.Summary("127.0.0.1:6432", null, 2, 0, Map.of("ECONNREFUSED", 1L, "timeout", 1L), 0, 0,
                        0, ended(T + 3004, "timeout"), ended(T + 3004, "timeout")));
    }

    @Test
    void saysNoFailureWhereNoneFailed() {
        destinations.record(DB, 8080, null, null, "connected", 90, T);

        assertThat(destinations.summaries()).singleElement()
                .satisfies(destination -> assertThat(destination.lastFailure()).isNull());
    }

    /** Ports 1 to MOST + 2 once each, the oldest two counted as one; port 1 again is a destination anew. */
    @Test
    void addsTheDestinationsConnectedToLongestAgoToTheOthers() {
        for (int port = 1; port <= Destinations.MOST + 2; port++) {
            destinations.record(DB, port, null, null, port == 2 ? "connected" : "ECONNREFUSED", 5, T + port);
        }

        assertThat(destinations.summaries()).hasSize(Destinations.MOST + 1)
                .extracting(Destinations.Summary::remote).startsWith("127.0.0.1:3").endsWith("(others)")
                .doesNotContain("127.0.0.1:1", "127.0.0.1:2");
        assertThat(destinations.summaries()).last().isEqualTo(new Destinations.Summary("(others)", null, 2, 1,
                Map.of("ECONNREFUSED", 1L), 5, 5, 5, ended(T + 2, "connected"), ended(T + 1, "ECONNREFUSED")));

        destinations.record(DB, 1, null, null, "connected", 7, T + 1000);

        assertThat(destinations.summaries()).hasSize(Destinations.MOST + 1)
                .extracting(Destinations.Summary::remote).contains("127.0.0.1:1").doesNotContain("127.0.0.1:3");
        assertThat(destinations.summaries())
                .filteredOn(destination -> destination.remote().equals("127.0.0.1:1")).singleElement()
                .isEqualTo(new Destinations.Summary("127.0.0.1:1", null, 1, 1, Map.of(), 7, 7, 7,
                        ended(T + 1000, "connected"), null));
        assertThat(destinations.summaries()).last().isEqualTo(new Destinations.Summary("(others)", null, 3, 1,
                Map.of("ECONNREFUSED", 2L), 5, 5, 5, ended(T + 3, "ECONNREFUSED"), ended(T + 3, "ECONNREFUSED")));
        assertThat(destinations.summaries().stream().mapToLong(Destinations.Summary::attempts).sum())
                .isEqualTo(Destinations.MOST + 3);
    }

    /** A destination connected to again is the last to join the others. */
    @Test
    void keepsTheDestinationsConnectedToLately() {
        for (int port = 1; port <= Destinations.MOST; port++) {
            destinations.record(DB, port, null, null, "connected", 5, T + port);
        }
        destinations.record(DB, 1, null, null, "connected", 5, T + 1000);
        destinations.record(DB, 9999, null, null, "connected", 5, T + 1001);

        assertThat(destinations.summaries()).extracting(Destinations.Summary::remote)
                .contains("127.0.0.1:1", "127.0.0.1:9999").doesNotContain("127.0.0.1:2");
    }

    private static Destinations.Ended ended(long millis, String result) {
        return new Destinations.Ended(Instant.ofEpochMilli(millis), result);
    }
}
