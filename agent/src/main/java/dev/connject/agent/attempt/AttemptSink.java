package dev.connject.agent.attempt;

/** Receives each attempt once its outcome is final. */
public interface AttemptSink {

    /**
     * Takes what it needs from {@code attempt} before returning: the attempt is reused afterwards.
     * Must not block on I/O.
     */
    void finished(ConnectAttempt attempt);

    /**
     * How many application frames to capture per attempt where it starts, innermost first; 0
     * when nothing recorded would show them, or when only failures' callers are read.
     */
    int callerFrames();

    /**
     * How many application frames to capture of a failed attempt that has none yet, where its
     * failure reaches the application; 0 when none are wanted.
     */
    int failureCallerFrames();

    /** Whether anything recorded would show the attempt's local address, which costs a getsockname(2). */
    boolean wantsLocalAddress();
}
