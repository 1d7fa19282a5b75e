package dev.connject.injector;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class EventLineTest {

    private final EventLine line = new EventLine(ZoneOffset.UTC);

    @Test
    void showsAnInjectedRefusal() {
        assertThat(line.format("{\"time\":\"2026-11-24T19:13:00.123456Z\",\"id\":17,\"pid\":4242,\"thread\":\"main\","
                + "\"virtual\":false,\"api\":\"socket\",\"protocol\":\"tcp\",\"host\":\"db.internal\","
                + "\"remote\":\"10.0.0.5:5432\",\"local\":null,\"fd\":42,\"timeout_ms\":2000,"
                + "\"result\":\"ECONNREFUSED\",\"errno\":111,\"error\":\"java.net.ConnectException: Connection refused\","
                + "\"duration_us\":812,\"syscalls\":[{\"call\":\"connect\",\"result\":\"ECONNREFUSED\"}],"
                + "\"injected\":true,\"rule\":\"payments-db-down\",\"dry_run\":false,\"caller\":\"a.B.c(B.java:1)\"}"))
                .isEqualTo("19:13:00.123 #17 [main] socket tcp db.internal 10.0.0.5:5432 -> ECONNREFUSED 812us"
                        + " injected by payments-db-down");
    }

    @Test
    void leavesOutAHostThatIsTheAddressAndSaysWhatDryRunWouldHaveDone() {
        assertThat(line.format("{\"time\":\"2026-11-24T19:13:00Z\",\"id\":3,\"thread\":\"worker-1\",\"api\":\"channel\","
                + "\"protocol\":\"tcp\",\"host\":\"10.0.0.5\",\"remote\":\"10.0.0.5:5432\",\"result\":\"connected\","
                + "\"duration_us\":90,\"injected\":false,\"rule\":\"slow\",\"dry_run\":true}"))
                .isEqualTo("19:13:00.000 #3 [worker-1] channel tcp 10.0.0.5:5432 -> connected 90us"
                        + " would be injected by slow (dry-run)");
    }

    @Test
    void namesAVirtualThreadThatHasNoName() {
        assertThat(line.format(event("", true))).contains(" [virtual] ");
        assertThat(line.format(event("fetcher", true))).contains(" [fetcher] ");
        assertThat(line.format(event("", false))).contains(" [] ");
    }

    private static String event(String thread, boolean virtual) {
        return "{\"time\":\"2026-11-24T19:13:00Z\",\"id\":4,\"thread\":\"" + thread + "\",\"virtual\":" + virtual
                + ",\"api\":\"socket\",\"protocol\":\"tcp\",\"host\":null,\"remote\":\"10.0.0.5:5432\","
                + "\"result\":\"connected\",\"duration_us\":96,\"injected\":false,\"rule\":null,\"dry_run\":false}";
    }
}
