package dev.connject.agent.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DestinationsTest {

    private static final InetAddress DB = InetAddress.getLoopbackAddress();

    private final Destinations destinations = new Destinations();

    /** Durations under 256 µs, which the histogram keeps exactly at two significant digits. */
    @Test
    void timesOnlyTheConnectsThatSucceeded() {
        destinations.record(DB, 5432, null, "db.internal", "connected", 40);
        destinations.record(DB, 5432, null, null, "ECONNREFUSED", 9);
        destinations.record(DB, 5432, null, null, "connected", 200);
        destinations.record(DB, 6432, null, null, "ECONNREFUSED", 7);
        destinations.record(DB, 6432, null, null, "timeout", 3_000_000);

        assertThat(destinations.summaries()).containsExactly(
                new Destinations.Summary("127.0.0.1:5432", "db.internal", 3, 2, Map.of("ECONNREFUSED", 1L), 40, 200,
                        200),
                new Destinations.Summary("127.0.0.1:6432", null, 2, 0, Map.of("ECONNREFUSED", 1L, "timeout", 1L), 0, 0,
                        0));
    }

    @Test
    void keepsTheDestinationsBeyondTheLimitTogether() {
        for (int port = 1; port <= Destinations.MOST + 2; port++) {
            destinations.record(DB, port, null, null, "ECONNREFUSED", 5);
        }
        destinations.record(DB, 1, null, null, "ECONNREFUSED", 5);

        assertThat(destinations.summaries()).hasSize(Destinations.MOST + 1);
        assertThat(destinations.summaries().get(0).attempts()).isEqualTo(2);
        assertThat(destinations.summaries().get(Destinations.MOST))
                .isEqualTo(new Destinations.Summary("(others)", null, 2, 0, Map.of("ECONNREFUSED", 2L), 0, 0, 0));
    }
}
