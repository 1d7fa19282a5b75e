package dev.connject.agent.attempt;

/** Receives each attempt once its outcome is final. */
public interface AttemptSink {

    /**
     * Takes what it needs from {@code attempt} before returning: the attempt is reused afterwards.
     * Must not block on I/O.
     */
    void finished(ConnectAttempt attempt);

    /**
     * Whether a success of the attempt starting now is to be written to the sinks
     * ({@code record.sample}). Decided where the attempt starts, so that one left out does not have
     * its caller read for nothing.
     */
    boolean sampleSuccess();

    /**
     * How many application frames to capture per attempt where it starts, innermost first; 0
     * when nothing recorded would show them, or when only failures' callers are read.
     *
     * @param successWritten whether the sinks would write the attempt if it succeeded
     */
    int callerFrames(boolean successWritten);

    /**
     * How many application frames to capture of a failed attempt that has none yet, where its
     * failure reaches the application; 0 when none are wanted.
     */
    int failureCallerFrames();

    /** Whether anything recorded would show the attempt's local address, which costs a getsockname(2). */
    boolean wantsLocalAddress();

    /**
     * Where an attempt starts, right after its own clock is read: starts a timing by another clock
     * (a JFR event's), which the attempt keeps until {@link #finished}; {@code null} for none.
     */
    default Object startTiming() {
        return null;
    }

    /** Where the attempt's outcome is final, right after its own clock is read: ends what {@link #startTiming} started. */
    default void endTiming(Object timing) {
    }
}
