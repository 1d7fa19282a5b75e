package dev.connject.injector;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** {@code status PID [--json]}: what connject in a JVM is doing, and its counters. */
final class StatusCommand implements Command {

    @Override
    public String name() {
        return "status";
    }

    @Override
    public String synopsis() {
        return "PID [--json]";
    }

    @Override
    public String summary() {
        return "version, mode, rules and counters of connject in a JVM";
    }

    @Override
    public String help() {
        return """
                Shows connject's state in the JVM PID: version, mode, where the rules in force came
                from, per rule the connects it matched and those it injected into, where the events
                go, attempts by result, events dropped, connject's own internal errors, attempts
                still pending, the JDK methods hooked, and per destination its attempts, how long
                the successful ones took, the failures by result and how long ago the last one
                was, the destinations with the most failures first.

                  connject 0.1.0 in JVM 4242, attached at 2026-11-24T19:13:00.123Z
                  mode             inject
                  rules            /etc/app/rules.yaml
                    refuse-db  matched 12, injected 6
                  recording        /var/log/app/connects.jsonl, JFR
                  attempts         40: ECONNREFUSED 6, connected 34
                  dropped          none
                  internal errors  none
                  pending          0
                  hooked methods   9
                    java.net.Socket.connect(SocketAddress, int)
                    ...
                  destinations     2
                    10.0.0.7:5432 (db.internal)  attempts 18, p50 412us, p99 1900us, max 2300us; ECONNREFUSED 6; last failed 2.1s ago
                    127.0.0.1:8080               attempts 22, p50 95us, p99 310us, max 310us

                --json prints the agent's status as one JSON object instead, as the MBean
                attribute StatusJson holds it. Exits 1 if connject is not loaded in the JVM.
                """;
    }

    @Override
    public void run(List<String> arguments, Output output) throws CommandFailure {
        Arguments parsed = Arguments.parse(this, arguments, 1, Set.of("--json"), Set.of());
        long pid = parsed.pid(0);
        try (AgentClient agent = TargetJvm.find(pid, name()).steer()) {
            String json = agent.statusJson();
            output.out().print(parsed.has("--json") ? json + "\n"
                    : StatusReport.format(JsonReader.object(json), Instant.now()));
        }
    }
}
