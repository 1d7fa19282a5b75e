package dev.connject.injector;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code clear PID}: removes every rule from a JVM that runs connject; recording goes on. */
final class ClearCommand implements Command {

    @Override
    public String name() {
        return "clear";
    }

    @Override
    public String synopsis() {
        return "PID";
    }

    @Override
    public String summary() {
        return "remove all rules; recording goes on";
    }

    @Override
    public String help() {
        return """
                Removes every rule from the JVM PID: no connect is failed any more, and each is
                still recorded as the rules file's record: section said. A rules file the JVM
                watches (attach --rules) puts its rules back when it next changes. Prints:

                  JVM 4242: no rules in force from /etc/app/rules.yaml (cleared), mode inject
                """;
    }

    @Override
    public void run(List<String> arguments, Output output) throws CommandFailure {
        long pid = Arguments.parse(this, arguments, 1, Set.of(), Set.of()).pid(0);
        try (AgentClient agent = TargetJvm.find(pid, name()).steer()) {
            agent.clear();
            Map<String, Object> status = JsonReader.object(agent.statusJson());
            output.out().println("JVM " + pid + ": " + StatusReport.rulesInForce(status));
            if (status.get("rules_followed") != null) {
                output.err().println("connject: JVM " + pid + " still follows " + status.get("rules_followed")
                        + ": its next change puts its rules in force again");
            }
        }
    }
}
