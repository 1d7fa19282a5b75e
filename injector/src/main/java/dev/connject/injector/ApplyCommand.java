package dev.connject.injector;

import java.util.List;
import java.util.Set;

/** {@code apply PID FILE}: replaces the rules of a JVM that runs connject, atomically. */
final class ApplyCommand implements Command {

    @Override
    public String name() {
        return "apply";
    }

    @Override
    public String synopsis() {
        return "PID FILE";
    }

    @Override
    public String summary() {
        return "replace the rules of a JVM, atomically";
    }

    @Override
    public String help() {
        return """
                Puts the rules of FILE in force in the JVM PID in place of all its rules, at once:
                no connect sees half of the old rules and half of the new. Counting starts over.
                connject must be loaded in the JVM (see attach). Unlike attach --rules, the JVM
                does not follow later changes of FILE. A rules file it follows already (from
                attach --rules or -javaagent) it goes on following, and its next change replaces
                these rules; apply says so on standard error.

                FILE is checked here first, and again by the agent. An invalid file prints every
                problem as FILE:LINE:COL: message on standard error and exits 2; the rules in
                force stay as they were. Prints on success:

                  JVM 4242: 1 rule in force from /etc/app/rules.yaml, mode inject
                """;
    }

    @Override
    public void run(List<String> arguments, Output output) throws CommandFailure {
        Arguments parsed = Arguments.parse(this, arguments, 2, Set.of(), Set.of());
        long pid = parsed.pid(0);
        RulesFile rules = RulesFile.load(parsed.file(1), "the rules in force in JVM " + pid + " are unchanged");
        TargetJvm target = TargetJvm.find(pid, name());
        try (AgentClient agent = target.steer()) {
            output.out().println("JVM " + pid + ": " + agent.apply(rules.text(), rules.path().toString()));
            Object followed = JsonReader.object(agent.statusJson()).get("rules_followed");
            if (followed != null && !followed.equals(rules.path().toString())) {
                output.err().println("connject: JVM " + pid + " still follows " + followed
                        + ": its next change replaces these rules");
            }
        }
    }
}
