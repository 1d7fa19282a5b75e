package dev.connject.agent.attempt;

/** Receives each attempt once its outcome is final. */
public interface AttemptSink {

    /**
     * Takes what it needs from {@code attempt} before returning: the attempt is reused afterwards.
     * Must not block on I/O.
     */
    void finished(ConnectAttempt attempt);

    /**
     * How many application frames to capture per attempt, innermost first; 0 when nothing
     * recorded would show them.
     */
    int callerFrames();

    /** Whether anything recorded would show the attempt's local address, which costs a getsockname(2). */
    boolean wantsLocalAddress();
}
