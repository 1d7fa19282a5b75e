package dev.connject.agent.control;

import dev.connject.agent.record.Destinations;
import dev.connject.agent.record.Recorder;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code connject status} shows: the agent's version and state, and its counters.
 *
 * @param rulesFollowed the rules file reloaded whenever it changes; {@code null} when none is
 * @param rules       per rule, in file order: connects it matched while active, and connects it acted on
 * @param recording   where the events go
 * @param results     recorded attempts by result
 * @param dropped     events that could not be kept, by where they were lost
 * @param errors      connject's own failures, by place; none ever reached the application
 * @param hooked      the JDK methods instrumented so far
 * @param destinations per destination: attempts, failures by result, latency of the successful connects, the
 *                     last attempt and the last failure
 */
public record AgentStatus(String version, long pid, Instant started, boolean attached, String mode,
                          String rulesSource, String rulesFollowed, List<RuleCount> rules,
                          Recorder.Outputs recording, long attempts, Map<String, Long> results,
                          Map<String, Long> dropped, Map<String, Long> errors, int pending, List<String> hooked,
                          List<Destinations.Summary> destinations) {

    public AgentStatus {
        rules = List.copyOf(rules);
        results = Map.copyOf(results);
        dropped = Map.copyOf(dropped);
        errors = Map.copyOf(errors);
        hooked = List.copyOf(hooked);
        destinations = List.copyOf(destinations);
    }

    /** One rule's counters. */
    public record RuleCount(String name, long matched, long injected) {
    }
}
