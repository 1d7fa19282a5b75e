package dev.connject.agent.fault;

import dev.connject.agent.attempt.AttemptTracker;
import dev.connject.agent.attempt.ConnectAttempt;
import dev.connject.agent.attempt.PendingFault;
import dev.connject.agent.attempt.StackTraces;
import dev.connject.agent.attempt.Syscall;
import dev.connject.agent.hook.NativeCallLines;
import java.io.FileDescriptor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ProtocolFamily;
import sun.nio.ch.ConnjectJdk;

/**
 * A connect held on the {@link Blackhole} until the kernel ends it: with ETIMEDOUT once
 * TCP_USER_TIMEOUT has passed (a blackhole), or with ECONNRESET when the {@link StallTimer}
 * disconnects it (a delay). Until then every poll finds the socket unready, as it would find one
 * whose SYN is dropped, and the application's own timeout may fire first. Once it has ended, the
 * {@link Ending} decides what the application reads.
 */
final class Stall implements PendingFault {

    private final Ending ending;
    private final FileDescriptor fd;
    private final StallTimer.Ticket ticket;
    private final NativeCallLines lines;
    private final AttemptTracker tracker;

    /** @param ticket the timer that ends the stall, or {@code null} when the kernel's TCP_USER_TIMEOUT does */
    Stall(Ending ending, FileDescriptor fd, StallTimer.Ticket ticket, NativeCallLines lines, AttemptTracker tracker) {
        this.ending = ending;
        this.fd = fd;
        this.ticket = ticket;
        this.lines = lines;
        this.tracker = tracker;
    }

    @Override
    public void abandon() {
        if (ticket != null) {
            ticket.cancel();
        }
    }

    @Override
    public int poll(ConnectAttempt attempt, FileDescriptor polled) throws IOException {
        boolean ready;
        try {
            ready = ConnjectJdk.pollConnect(polled, 0);
        } catch (IOException kernelEnded) {
            return ended(attempt, kernelEnded, Site.POLL) ? 1 : 0;
        }
        return ready ? 1 : 0;
    }

    @Override
    public void checkConnect(ConnectAttempt attempt, int fdVal, SoErrorCheck kernel) throws IOException {
        try {
            kernel.check(fdVal);
        } catch (IOException kernelEnded) {
            ended(attempt, kernelEnded, Site.CHECK);
        }
    }

    /** The kernel ended the stall; returns whether the socket is connected, or throws what the application reads. */
    private boolean ended(ConnectAttempt attempt, IOException kernelEnded, Site site) throws IOException {
        abandon();
        attempt.fault(null);
        attempt.syscall(Syscall.SO_ERROR, kernelEnded);
        return ending.after(attempt, kernelEnded, site, this);
    }

    /** Where the application reads the outcome, and the native method a real outcome comes from there. */
    enum Site {
        /**
         * {@code finishConnect}: a selector reported the channel ready, and selector loops
         * (the JDK's HttpClient, Netty) take a {@code false} from it then for a broken channel,
         * so the real connect that follows a delay is given a round trip's time to answer here.
         */
        POLL("sun.nio.ch.Net", "pollConnect", 1000),
        /** An asynchronous channel's completion handler runs once: the real connect's answer is awaited. */
        CHECK("sun.nio.ch.UnixAsynchronousSocketChannelImpl", "checkConnect", -1);

        final String nativeClass;
        final String nativeMethod;
        final long realConnectWaitMillis;

        Site(String nativeClass, String nativeMethod, long realConnectWaitMillis) {
            this.nativeClass = nativeClass;
            this.nativeMethod = nativeMethod;
            this.realConnectWaitMillis = realConnectWaitMillis;
        }

        int line(NativeCallLines lines) {
            return this == POLL ? lines.lineOf("sun/nio/ch/Net", "pollConnect") : -1;
        }
    }

    /** What the application reads once the kernel has ended the stall. */
    interface Ending {

        /** Returns whether the socket is now connected, or throws. */
        boolean after(ConnectAttempt attempt, IOException kernelEnded, Site site, Stall stall) throws IOException;

        /** A blackhole: the kernel's own ETIMEDOUT, as a dropped SYN ends. */
        final class KernelTimeout implements Ending {
            @Override
            public boolean after(ConnectAttempt attempt, IOException kernelEnded, Site site, Stall stall)
                    throws IOException {
                throw StackTraces.asThrownByNative(kernelEnded, site.nativeClass, site.nativeMethod,
                        site.line(stall.lines));
            }
        }

        /** A delayed errno: the rule's errno, as if the network had answered so after the delay. */
        final class Deliver implements Ending {
            private final InjectedError error;

            Deliver(InjectedError error) {
                this.error = error;
            }

            @Override
            public boolean after(ConnectAttempt attempt, IOException kernelEnded, Site site, Stall stall)
                    throws IOException {
                attempt.syscall(Syscall.SO_ERROR, error.name().name());
                throw error.thrownBy(site.nativeClass, site.nativeMethod, site.line(stall.lines));
            }
        }

        /** A delay alone: the real connect goes ahead. */
        final class ConnectForReal implements Ending {
            private final ProtocolFamily family;
            private final InetAddress remote;
            private final int port;

            ConnectForReal(ProtocolFamily family, InetAddress remote, int port) {
                this.family = family;
                this.remote = remote;
                this.port = port;
            }

            @Override
            public boolean after(ConnectAttempt attempt, IOException kernelEnded, Site site, Stall stall)
                    throws IOException {
                int result;
                try {
                    result = stall.tracker.internally(() -> ConnjectJdk.connect(family, stall.fd, remote, port));
                } catch (IOException refused) {
                    attempt.syscall(Syscall.CONNECT, refused);
                    throw StackTraces.asThrownByNative(refused, site.nativeClass, site.nativeMethod,
                            site.line(stall.lines));
                }
                if (result == 1) {
                    attempt.syscall(Syscall.CONNECT, ConnectAttempt.OK);
                    return true;
                }
                attempt.syscall(Syscall.CONNECT, ConnectAttempt.EINPROGRESS);
                return awaitAnswer(attempt, site, stall);
            }

            private static boolean awaitAnswer(ConnectAttempt attempt, Site site, Stall stall) throws IOException {
                boolean connected;
                try {
                    connected = ConnjectJdk.pollConnect(stall.fd, site.realConnectWaitMillis);
                } catch (IOException failed) {
                    attempt.syscall(Syscall.SO_ERROR, failed);
                    throw StackTraces.asThrownByNative(failed, site.nativeClass, site.nativeMethod,
                            site.line(stall.lines));
                }
                if (connected) {
                    attempt.syscall(Syscall.SO_ERROR, ConnectAttempt.OK);
                }
                return connected;
            }
        }
    }
}
