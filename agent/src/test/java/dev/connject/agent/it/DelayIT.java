package dev.connject.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connject.testkit.Jdk;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A delay holds a connect for its time, on blocking and non-blocking sockets alike, and then
 * lets it go ahead, or delivers the rule's errno; {@code mode: off} consults no rule.
 */
class DelayIT {

    private static final String RULES = "rules:\n"
            + "  - name: slow\n    match:\n      port: 0\n    fault:\n      delay: 400ms\n";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void aDelayedConnectGoesAheadAfterItsDelay(Jdk jdk, @TempDir Path directory) {
        List<String> paths = List.of("socket", "socket-timeout", "channel-blocking", "channel-nonblocking",
                "async-future", "http-client");
        Probe.Run run = new Probe.Setup(jdk, directory).rules(delayForListenedPorts())
                .run(arguments(paths));
        for (String path : paths) {
            Map<String, Object> outcome = run.outcome(path);
            assertThat(outcome.get("outcome")).as(path + ": " + outcome).isEqualTo("connected");
            assertThat(((Number) outcome.get("elapsed_ms")).longValue()).as(path).isBetween(400L, 1400L);
        }
        assertThat(run.events()).filteredOn(event -> "slow".equals(event.get("rule")))
                .allSatisfy(event -> {
                    assertThat(event.get("result")).isEqualTo("connected");
                    assertThat(((Number) event.get("duration_us")).longValue()).isGreaterThanOrEqualTo(400_000L);
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void aDelayedErrnoArrivesAfterItsDelay(Jdk jdk, @TempDir Path directory) {
        List<String> paths = List.of("socket", "socket-timeout", "channel-nonblocking", "async-future");
        Probe.Run run = new Probe.Setup(jdk, directory)
                .rules(delayForListenedPorts().replace("delay: 400ms", "delay: 400ms\n      errno: ECONNREFUSED"))
                .run(arguments(paths));
        for (String path : paths) {
            Map<String, Object> outcome = run.outcome(path);
            assertThat(Expectations.chain(outcome)).as(path).containsExactly("java.net.ConnectException: Connection refused");
            assertThat(((Number) outcome.get("elapsed_ms")).longValue()).as(path).isBetween(400L, 1400L);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void modeOffConsultsNoRule(Jdk jdk, @TempDir Path directory) {
        List<String> paths = List.of("socket", "channel-nonblocking");
        Probe.Run run = new Probe.Setup(jdk, directory)
                .rules("mode: off\n" + delayForListenedPorts().replace("delay: 400ms", "errno: ECONNREFUSED"))
                .run(arguments(paths));
        for (String path : paths) {
            assertThat(run.outcome(path).get("outcome")).as(path).isEqualTo("connected");
        }
        assertThat(run.events()).allSatisfy(event -> assertThat(event.get("rule")).isNull());
    }

    /** The probe listens on fresh ports, so the rule matches the loopback address rather than a port. */
    private static String delayForListenedPorts() {
        return RULES.replace("port: 0", "host: 127.0.0.1\n      protocol: tcp");
    }

    private static String[] arguments(List<String> paths) {
        String[] arguments = new String[paths.size() + 2];
        arguments[0] = "--listen";
        arguments[1] = "3000";
        for (int i = 0; i < paths.size(); i++) {
            arguments[i + 2] = paths.get(i) + "=0";
        }
        return arguments;
    }
}
