package dev.connject.agent.fault;

import java.io.IOException;
import java.net.ProtocolFamily;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import sun.nio.ch.ConnjectJdk;

/**
 * Ends delayed connects on time. A delayed connect waits on the {@link Blackhole}; at its time,
 * connject's one timer thread disconnects the socket (connect(2) with AF_UNSPEC), which wakes the
 * application's poll at once with ECONNRESET, and the {@link Stall} then decides what the
 * application reads. The timer works on a duplicate of the application's descriptor, so that a
 * descriptor number the application closed and reused meanwhile is never touched.
 *
 * <p>The kernel's TCP_USER_TIMEOUT cannot serve here: it ends a pending connect no sooner than the
 * first SYN retransmission, a second after it started.
 */
final class StallTimer {

    private final ScheduledThreadPoolExecutor executor;

    StallTimer() {
        executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "connject-stall-timer");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    /** Ends the pending connect of {@code fdVal} after {@code nanos}, unless the ticket is cancelled first. */
    Ticket schedule(int fdVal, ProtocolFamily family, long nanos) throws IOException {
        Ticket ticket = new Ticket(ConnjectJdk.dup(fdVal), family);
        ticket.future = executor.schedule(ticket::fire, nanos, TimeUnit.NANOSECONDS);
        return ticket;
    }

    void close() {
        executor.shutdownNow();
    }

    /** One delayed connect's duplicate descriptor, closed exactly once: when it fires or when it is cancelled. */
    static final class Ticket {
        private final int duplicate;
        private final ProtocolFamily family;
        private volatile ScheduledFuture<?> future;
        private boolean done;

        private Ticket(int duplicate, ProtocolFamily family) {
            this.duplicate = duplicate;
            this.family = family;
        }

        private synchronized void fire() {
            if (!done) {
                try {
                    ConnjectJdk.disconnect(duplicate, family);
                } catch (IOException alreadyEnded) {
                    // the socket failed or was reset meanwhile: it has woken the application already
                }
                release();
            }
        }

        /** The attempt ended first: the duplicate is closed and the socket left to the application. */
        synchronized void cancel() {
            if (!done) {
                if (future != null) {
                    future.cancel(false);
                }
                release();
            }
        }

        private void release() {
            done = true;
            try {
                ConnjectJdk.close(duplicate);
            } catch (IOException closedAlready) {
                // nothing to release
            }
        }
    }
}
