package dev.connject.agent.control;

import java.util.List;
import java.util.Map;

/**
 * {@code dev.connject:type=Agent}: connject's state and controls, for the injector and for
 * JConsole, VisualVM and JMC. While a watcher holds a lease ({@link #watch}), notifications of
 * type {@value #EVENTS} carry the recorded connect events as JSON Lines, batched; each batch's
 * message is "FIRST COUNT", the sequence number of its first event and how many it carries, so
 * that a listener that lost batches knows how many events it missed.
 */
public interface ConnjectAgentMXBean {

    String OBJECT_NAME = "dev.connject:type=Agent";

    /** Notification type of a batch of events; its user data is the events' JSON lines. */
    String EVENTS = "dev.connject.events";

    /** How long a {@link #watch} lease lasts. */
    long LEASE_MILLIS = 5_000;

    String getVersion();

    /** {@code inject}, {@code dry-run} or {@code off}. */
    String getMode();

    void setMode(String mode);

    /** Where the rules in force came from. */
    String getRulesSource();

    /** The rules in force, as their file read. */
    String getRulesText();

    long getAttempts();

    Map<String, Long> getResults();

    Map<String, Long> getDropped();

    Map<String, Long> getInternalErrors();

    /** Per rule: connects it matched while active. */
    Map<String, Long> getRuleMatches();

    /** Per rule: connects it injected into (or would have, in dry-run). */
    Map<String, Long> getRuleInjections();

    int getPendingAttempts();

    List<String> getHookedMethods();

    /** Everything above as one JSON object, as {@code connject status --json} prints it. */
    String getStatusJson();

    /**
     * Validates {@code rulesText} and puts it in force atomically, replacing every rule; an
     * invalid text changes nothing and fails with its located problems.
     *
     * @param source how status should name where the rules came from; an absolute path is taken as the
     *               file the text was read from, and a relative {@code record.jsonl} is resolved against it
     * @return a one-line summary of what is now in force
     */
    String apply(String rulesText, String source);

    /** Removes every rule; recording goes on. */
    void clear();

    /**
     * Sends the events as notifications for the next {@value #LEASE_MILLIS} ms, on behalf of
     * {@code watcher}, a name of its own choosing; called again within them, for as long again.
     * Without one, no lines are made for watchers: a JVM no one watches any more does not pay for
     * them.
     */
    void watch(String watcher);

    /** Ends {@code watcher}'s lease; with no other, the events are no longer sent. */
    void unwatch(String watcher);

    /** Removes connject from this JVM: instrumentation undone, threads stopped, files closed. */
    void detach();
}
