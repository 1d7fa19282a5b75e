package dev.connject.injector;

import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/** {@code watch PID [--json] [--count N]}: prints the connect events of a JVM as they happen. */
final class WatchCommand implements Command {

    @Override
    public String name() {
        return "watch";
    }

    @Override
    public String synopsis() {
        return "PID [--json] [--count N]";
    }

    @Override
    public String summary() {
        return "print the connect events of a JVM as they happen";
    }

    @Override
    public String help() {
        return """
                Prints each connect the JVM PID makes, one line each, as its outcome becomes final:

                  12:00:01.123 #17 [main] socket tcp db.internal 10.0.0.5:5432 -> ECONNREFUSED 812us injected by refuse-db

                local time, event id, thread, API, protocol, the host asked for, the address, the
                outcome, how long the connect took, and the rule that injected the outcome.
                --json prints each event as the agent's JSON line instead.

                Runs until Ctrl-C, until connject is detached from the JVM, or with --count N until
                N events are printed. Events this watch could not take in time, because it or its
                output fell behind the JVM, are counted from the gaps in the events' sequence and
                reported on standard error as they happen; a summary line there ends every watch:

                  connject: watched JVM 4242: 20000 events printed, 0 skipped

                Exits 0 at the count, at Ctrl-C or when connject is detached; 1 if the JVM goes away.
                """;
    }

    @Override
    public void run(List<String> arguments, Output output) throws CommandFailure {
        Arguments parsed = Arguments.parse(this, arguments, 1, Set.of("--json"), Set.of("--count"));
        long pid = parsed.pid(0);
        long count = parsed.positiveCount("--count").orElse(Long.MAX_VALUE);
        UnaryOperator<String> format = parsed.has("--json") ? UnaryOperator.identity()
                : new EventLine(ZoneId.systemDefault())::format;
        EventStream stream = new EventStream(pid, output, format, count);
        try (AgentClient agent = TargetJvm.find(pid, name()).steer()) {
            long droppedBefore = ringDrops(agent);
            // Ctrl-C is the usual end of a watch: the summary is due then too
            Thread interrupted = new Thread(() -> {
                stream.stop();
                output.notice(stream.summary());
                output.flush();
            }, "connject-watch-summary");
            Runtime.getRuntime().addShutdownHook(interrupted);
            agent.follow(stream);
            output.notice("watching JVM " + pid + (count == Long.MAX_VALUE ? "" : " for " + count + " events")
                    + "; Ctrl-C to stop");
            EventStream.End end = awaitEnd(stream);
            Runtime.getRuntime().removeShutdownHook(interrupted);
            if (end == EventStream.End.CONNECTION_LOST) {
                output.notice(stream.summary());
                throw CommandFailure.unreachable("lost the connection to JVM " + pid + ": it exited, most likely",
                        "`" + Connject.INVOCATION + " list` shows whether it still runs");
            }
            agent.unfollow(stream);
            output.notice(stream.summary());
            if (end == EventStream.End.DETACHED) {
                output.notice("the agent was detached from JVM " + pid + "; no more events will come");
                return;
            }
            long dropped = ringDrops(agent) - droppedBefore;
            if (dropped > 0) {
                output.notice("the agent in JVM " + pid + " dropped " + dropped + " events meanwhile, before they"
                        + " could be sent anywhere: its event buffer was full");
            }
        }
    }

    private static EventStream.End awaitEnd(EventStream stream) {
        try {
            return stream.awaitEnd();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return EventStream.End.STOPPED;
        }
    }

    /** Events the agent could not keep at all: they never got a sequence number, so no gap shows them. */
    private static long ringDrops(AgentClient agent) throws CommandFailure {
        return StatusReport.droppedAtRing(JsonReader.object(agent.statusJson()));
    }
}
