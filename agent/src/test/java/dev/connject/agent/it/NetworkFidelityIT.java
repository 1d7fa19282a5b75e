package dev.connject.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connject.testkit.Jdk;
import dev.connject.testkit.Netns;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With {@code delivery: auto}, an injected ECONNREFUSED, EHOSTUNREACH, ENETUNREACH and a blackhole
 * look to the application like a real kernel failing in a private network namespace: a closed
 * port and a {@code tcp-reset}, {@code icmp-host-unreachable}, {@code icmp-net-unreachable}, and
 * {@code DROP} with one SYN retry. Same outcome, exceptions, top of stack, socket state, and timing
 * (within 300 ms or a tenth). Real and injected connects run side by side in one JVM per JDK, one
 * port each.
 */
class NetworkFidelityIT {

    private static final int TIMEOUT = 2000;
    private static final int WARM_UP_PORT = 29999;
    /**
     * Known limit, named in the README: a blocking connect ignores the ICMP answer to its first SYN
     * and fails only on the answer to the retransmitted one, a second later; connject fails it at once.
     */
    private static final Set<String> BLOCKING_ICMP_TIMING = Set.of(
            "host-unreachable socket", "host-unreachable channel-open", "host-unreachable channel-blocking",
            "net-unreachable socket", "net-unreachable channel-open", "net-unreachable channel-blocking");

    /** Each scenario: how the namespace fails it for real, and the rule that fails it the same way. */
    private static final Map<String, String[]> SCENARIOS = new LinkedHashMap<>();

    static {
        SCENARIOS.put("refused", new String[] {null, "errno: ECONNREFUSED"});
        SCENARIOS.put("reset", new String[] {"tcp-reset", "errno: ECONNREFUSED"});
        SCENARIOS.put("host-unreachable", new String[] {"icmp-host-unreachable", "errno: EHOSTUNREACH"});
        SCENARIOS.put("net-unreachable", new String[] {"icmp-net-unreachable", "errno: ENETUNREACH"});
        SCENARIOS.put("blackhole", new String[] {"DROP", "timeout: 3s"});
    }

    @BeforeAll
    static void namespacesWork() {
        assertThat(Netns.available()).as("unshare -n and iptables work here (root, iptables installed)").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void autoDeliveryLooksLikeARealNetwork(Jdk jdk, @TempDir Path directory) {
        List<String> paths = new ArrayList<>(Probe.portPaths(jdk));
        paths.removeIf(path -> path.startsWith("datagram"));
        List<String> setup = new ArrayList<>(List.of(Netns.synRetries(1)));
        StringBuilder rules = new StringBuilder("rules:\n");
        // answered connects one after the other, so that their timing is their own; dropped ones side by side
        List<String> answered = new ArrayList<>(List.of(Integer.toString(TIMEOUT)));
        // each path once against a closed port first, so that no compared connect pays for loading classes
        paths.forEach(path -> answered.add(path + "=" + WARM_UP_PORT));
        List<String> dropped = new ArrayList<>(List.of("--parallel", Integer.toString(TIMEOUT)));
        Map<String, int[]> ports = new LinkedHashMap<>();
        int port = 21000;
        for (Map.Entry<String, String[]> scenario : SCENARIOS.entrySet()) {
            for (String path : paths) {
                int real = port++;
                int injected = port++;
                String cell = scenario.getKey() + " " + path;
                ports.put(cell, new int[] {real, injected});
                String rejectWith = scenario.getValue()[0];
                if ("DROP".equals(rejectWith)) {
                    setup.add(Netns.drop(real));
                } else if (rejectWith != null) {
                    setup.add(Netns.reject(real, rejectWith));
                }
                rules.append("  - name: \"").append(cell).append("\"\n    match:\n      port: ").append(injected)
                        .append("\n    fault:\n      ").append(scenario.getValue()[1]).append('\n');
                List<String> arguments = "DROP".equals(rejectWith) ? dropped : answered;
                arguments.add(path + "=" + real);
                arguments.add(path + "=" + injected);
            }
        }
        Probe.Run answeredRun = new Probe.Setup(jdk, directory).rules(rules.toString()).wrappedBy(Netns.prefix(setup))
                .run(answered.toArray(String[]::new));
        Probe.Run droppedRun = new Probe.Setup(jdk, directory).rules(rules.toString()).wrappedBy(Netns.prefix(setup))
                .run(dropped.toArray(String[]::new));

        int matched = 0;
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, int[]> cell : ports.entrySet()) {
            Probe.Run run = cell.getKey().startsWith("blackhole") ? droppedRun : answeredRun;
            Map<String, Object> real = outcome(run, cell.getValue()[0]);
            Map<String, Object> injected = outcome(run, cell.getValue()[1]);
            Map<String, Object> expected = Outcomes.visible(real);
            Map<String, Object> actual = Outcomes.visible(injected);
            long realMillis = elapsed(real);
            long injectedMillis = elapsed(injected);
            boolean sameTiming = Math.abs(realMillis - injectedMillis) <= Math.max(300, realMillis / 10);
            if (BLOCKING_ICMP_TIMING.contains(cell.getKey())) {
                assertThat(realMillis).as(cell.getKey() + ": the network answers on the SYN's retransmission")
                        .isBetween(900L, 1600L);
                sameTiming = true;
            }
            if (expected.equals(actual) && sameTiming) {
                matched++;
            } else {
                mismatches.add(cell.getKey() + "\n  network:  " + expected + " in " + realMillis + " ms\n  connject: "
                        + actual + " in " + injectedMillis + " ms");
            }
        }
        System.out.println(jdk + ": scenario x path cells matching a real network: " + matched + " of " + ports.size()
                + " (" + BLOCKING_ICMP_TIMING.size() + " of them matching all but timing, a known limit)");
        assertThat(mismatches).as("cells that differ from the real network").isEmpty();
    }

    private static Map<String, Object> outcome(Probe.Run run, int port) {
        return run.outcomes().stream().filter(o -> Integer.toString(port).equals(o.get("target"))).findFirst()
                .orElseThrow(() -> new AssertionError("no outcome for port " + port + "\n" + run.jvm()));
    }

    private static long elapsed(Map<String, Object> outcome) {
        return ((Number) outcome.get("elapsed_ms")).longValue();
    }
}
