package dev.connject.agent.attempt;

import java.io.FileDescriptor;
import java.io.IOException;

/**
 * A fault still at work after connect(2) returned: an error to deliver through SO_ERROR, or a
 * connect held on connject's blackhole until its delay or timeout is up. It answers the calls
 * that would have read the kernel's SO_ERROR.
 */
public interface PendingFault {

    /**
     * Stands in for {@code Net.pollConnectNow}: {@code ConnjectHooks.PROCEED} to let the JDK poll, else
     * 1 (connected) or 0 (not yet); throws the error the application should see.
     */
    int poll(ConnectAttempt attempt, FileDescriptor fd) throws IOException;

    /**
     * Stands in for the asynchronous channel's {@code checkConnect}: returns when connected,
     * throws the error the application should see; {@code kernel} reads the real SO_ERROR.
     */
    void checkConnect(ConnectAttempt attempt, int fdVal, SoErrorCheck kernel) throws IOException;

    /** The attempt ended before the fault did (closed, or the application's timeout): let go of what it holds. */
    default void abandon() {
    }

    /** The JDK's own SO_ERROR check of an asynchronous channel. */
    @FunctionalInterface
    interface SoErrorCheck {
        void check(int fdVal) throws IOException;
    }
}
