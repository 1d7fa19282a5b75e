package dev.connject.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connject.config.Errno;
import dev.connject.testkit.Jdk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every errno on every connect path, delivered synchronously, looks to the application exactly
 * as the JDK's own handling of that errno under {@code strace -f -e inject=connect:error=E}: same
 * outcome, exception classes and messages down the cause chain, top of the stack, and socket
 * state afterwards. The reference runs without the agent, one JVM per errno; the agent runs every
 * errno in one JVM, one port per cell.
 */
class StraceFidelityIT {

    private static final int TIMEOUT = 2000;
    private static final int FIRST_PORT = 31000;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void synchronousInjectionLooksLikeStraceInjection(Jdk jdk, @TempDir Path directory) throws Exception {
        List<String> paths = new ArrayList<>(Probe.portPaths(jdk));
        paths.add("unix");
        Errno[] errnos = Errno.values();

        StringBuilder rules = new StringBuilder("rules:\n");
        List<String> injectedArguments = new ArrayList<>(List.of(Integer.toString(TIMEOUT)));
        Map<String, String> targets = new LinkedHashMap<>();
        for (int e = 0; e < errnos.length; e++) {
            for (int p = 0; p < paths.size(); p++) {
                String cell = errnos[e] + " " + paths.get(p);
                String target;
                if (paths.get(p).equals("unix")) {
                    target = directory.resolve(errnos[e] + ".sock").toString();
                    rules.append(rule(cell, "protocol: unix\n      path: \"" + target + "\"", errnos[e]));
                } else {
                    target = Integer.toString(FIRST_PORT + e * paths.size() + p);
                    rules.append(rule(cell, "port: " + target, errnos[e]));
                }
                targets.put(cell, target);
                injectedArguments.add(paths.get(p) + "=" + target);
            }
        }
        Path injectedDirectory = Files.createDirectory(directory.resolve("injected"));
        Probe.Run injected = new Probe.Setup(jdk, injectedDirectory).rules(rules.toString())
                .run(injectedArguments.toArray(String[]::new));

        int cells = 0;
        List<String> mismatches = new ArrayList<>();
        for (Errno errno : errnos) {
            List<String> referenceArguments = new ArrayList<>(List.of(Integer.toString(TIMEOUT)));
            for (String path : paths) {
                referenceArguments.add(path + "=" + targets.get(errno + " " + path));
            }
            Path referenceDirectory = Files.createDirectory(directory.resolve("strace-" + errno));
            Probe.Run reference = new Probe.Setup(jdk, referenceDirectory).withoutAgent()
                    .strace("-e", "inject=connect:error=" + errno)
                    .run(referenceArguments.toArray(String[]::new));
            List<Map<String, Object>> injectedOutcomes = injected.outcomes().stream()
                    .filter(o -> targets.containsValue(o.get("target"))).toList();
            for (String path : paths) {
                cells++;
                String target = targets.get(errno + " " + path);
                Map<String, Object> expected = Outcomes.visible(reference.outcome(path));
                Map<String, Object> actual = Outcomes.visible(injectedOutcomes.stream()
                        .filter(o -> target.equals(o.get("target"))).findFirst().orElseThrow());
                if (!expected.equals(actual)) {
                    mismatches.add(errno + " " + path + "\n  strace: " + expected + "\n  connject: " + actual);
                }
            }
        }
        System.out.println(jdk + ": errno x path cells matching strace -e inject: " + (cells - mismatches.size())
                + " of " + cells);
        assertThat(mismatches).as("cells that differ from strace's injection").isEmpty();
        assertThat(injected.events()).filteredOn(event -> Boolean.TRUE.equals(event.get("injected")))
                .hasSizeGreaterThanOrEqualTo(cells);
    }

    private static String rule(String name, String match, Errno errno) {
        return "  - name: \"" + name + "\"\n    match:\n      " + match + "\n    fault:\n      errno: " + errno
                + "\n      delivery: sync\n";
    }
}
