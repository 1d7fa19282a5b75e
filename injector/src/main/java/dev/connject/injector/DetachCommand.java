package dev.connject.injector;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** {@code detach PID}: takes connject out of a JVM and puts its JDK classes back as they were. */
final class DetachCommand implements Command {

    /** How long the agent's marker may take to close after it reported itself detached. */
    private static final Duration MARKER_CLOSING = Duration.ofSeconds(5);

    @Override
    public String name() {
        return "detach";
    }

    @Override
    public String synopsis() {
        return "PID";
    }

    @Override
    public String summary() {
        return "take connject out of a JVM, restoring its classes";
    }

    @Override
    public String help() {
        return """
                Takes connject out of the JVM PID: the JDK classes it instrumented are put back as
                they were, its threads stop, its files close and its MBean goes. Then checks from
                outside that the file connject keeps open while it runs is closed. Prints:

                  connject detached from JVM 4242; its JDK classes are as they were

                A later attach starts connject afresh.
                """;
    }

    @Override
    public void run(List<String> arguments, Output output) throws CommandFailure {
        long pid = Arguments.parse(this, arguments, 1, Set.of(), Set.of()).pid(0);
        TargetJvm target = TargetJvm.find(pid, name());
        try (AgentClient agent = target.steer()) {
            agent.detach();
        }
        awaitMarkerClosed(target.jvm().process());
        output.out().println("connject detached from JVM " + pid + "; its JDK classes are as they were");
    }

    private static void awaitMarkerClosed(LinuxProcess process) throws CommandFailure {
        Instant deadline = Instant.now().plus(MARKER_CLOSING);
        while (process.hasOpenFileStartingWith(LocalJvm.LOADED_MARKER_PREFIX)) {
            if (Instant.now().isAfter(deadline)) {
                throw CommandFailure.unreachable("the agent in JVM " + process.pid() + " reported itself detached, but"
                                + " still holds its marker file open after " + MARKER_CLOSING.toSeconds() + " s",
                        "the JVM's standard error may say why; run detach again to retry");
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
