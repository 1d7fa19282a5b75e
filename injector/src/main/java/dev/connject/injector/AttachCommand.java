package dev.connject.injector;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code attach PID [--rules FILE]}: loads connject into a running JVM, once, and puts a rules
 * file in force there; returns when the rules are in force.
 */
final class AttachCommand implements Command {

    /** How long the agent may take to put the rules in force after it has been loaded. */
    private static final Duration IN_FORCE = Duration.ofSeconds(10);

    @Override
    public String name() {
        return "attach";
    }

    @Override
    public String synopsis() {
        return "PID [--rules FILE]";
    }

    @Override
    public String summary() {
        return "load connject into a JVM (once) and put rules in force";
    }

    @Override
    public String help() {
        return """
                Loads the connject agent into the running JVM PID through the attach API and, with
                --rules, puts FILE in force there; the agent then reloads FILE whenever it changes.
                FILE is checked here first: an invalid file, or one that group or others may write,
                is refused with its problems (exit 2) and the JVM is left alone.

                Attaching to a JVM that runs connject already, attached or loaded with -javaagent,
                instruments nothing twice: that agent only takes the new rules file.

                A JVM in a container that connject does not run in (seen from a debug container, a
                sidecar, or the host through nsenter -t PID -n) gets the agent jar in its own
                /tmp/connject-UID. If FILE is not at the same path there, it gets FILE's text, as
                by apply, and cannot follow the file's changes; connject says so on standard error.

                Returns once the rules are in force, and prints one line:

                  connject 0.1.0 attached to JVM 4242 (com.example.Billing): 1 rule in force from
                  /etc/app/rules.yaml, mode inject; 14 JDK methods hooked

                From JDK 21 on, the JVM then prints on its standard error:

                  WARNING: A Java agent has been loaded dynamically (.../connject-agent-0.1.0-....jar)
                  WARNING: If a serviceability tool is in use, please run with -XX:+EnableDynamicAgentLoading to hide this warning
                  WARNING: If a serviceability tool is not in use, please run with -Djdk.instrument.traceUsage for more information
                  WARNING: Dynamic loading of agents will be disallowed by default in a future release

                Start the JVM with -XX:+EnableDynamicAgentLoading to allow connject without the
                warning (and without the refusal that a later JDK will make the default), or load
                connject at start-up with -javaagent instead.

                The JVM must run as this user (or connject as root), on Java 17 or later, and
                take attach requests: not started with -XX:+DisableAttachMechanism.
                """;
    }

    @Override
    public void run(List<String> arguments, Output output) throws CommandFailure {
        Arguments parsed = Arguments.parse(this, arguments, 1, Set.of(), Set.of("--rules"));
        long pid = parsed.pid(0);
        Optional<RulesFile> rules = rules(parsed, pid);
        TargetJvm target = TargetJvm.find(pid, name());
        boolean loadedBefore = target.jvm().connjectLoaded();
        // a JVM in a container may not have the file: then it is given the text, as by apply, and cannot follow the file
        boolean followed = rules.isEmpty() || target.sees(rules.get());
        try (AgentClient agent = target.load(followed ? rules.map(file -> "rules=" + file.path()).orElse(null) : null)) {
            if (rules.isPresent() && followed) {
                awaitInForce(agent, rules.get(), pid);
            } else if (rules.isPresent()) {
                agent.apply(rules.get().text(), rules.get().path().toString());
            }
            Map<String, Object> status = JsonReader.object(agent.statusJson());
            String main = target.jvm().main().isEmpty() ? "" : " (" + target.jvm().main() + ")";
            int hooked = ((List<?>) status.get("hooked")).size();
            output.out().println("connject " + status.get("version")
                    + (loadedBefore ? " was loaded already in JVM " : " attached to JVM ") + pid + main + ": "
                    + StatusReport.rulesInForce(status) + "; " + hooked + " JDK methods hooked");
            if (!followed) {
                output.err().println("connject: JVM " + pid + " runs in another file system (a container), where "
                        + rules.get().path() + " is not this file; it took the rules as they are now, and will not"
                        + " follow the file: put changes in force with " + Connject.INVOCATION + " apply " + pid + " FILE");
            }
        }
    }

    /** The rules file named by {@code --rules}, checked before the JVM is touched. */
    private static Optional<RulesFile> rules(Arguments parsed, long pid) throws CommandFailure {
        Optional<String> file = parsed.value("--rules");
        if (file.isEmpty()) {
            return Optional.empty();
        }
        RulesFile rules = RulesFile.load(Path.of(file.get()), "JVM " + pid + " was left alone");
        if (rules.path().toString().contains(",")) {
            throw CommandFailure.badInput("the path of " + rules.path() + " has a comma, which the agent's options"
                    + " cannot carry", "move or link the file to a path without a comma");
        }
        return Optional.of(rules);
    }

    /**
     * Waits until the agent reports the file's path and content as the rules in force: it loads
     * them before the attach returns, but only its own word says it accepted them.
     */
    private static void awaitInForce(AgentClient agent, RulesFile rules, long pid) throws CommandFailure {
        Instant deadline = Instant.now().plus(IN_FORCE);
        String path = rules.path().toString();
        while (!(path.equals(agent.attribute("RulesSource")) && rules.text().equals(agent.attribute("RulesText")))) {
            if (Instant.now().isAfter(deadline)) {
                throw CommandFailure.unreachable("JVM " + pid + " runs connject, but " + path
                                + " is not in force there after " + IN_FORCE.toSeconds() + " s",
                        "its standard error says why: most often that JVM's user cannot read the file");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
