package dev.connject.agent.fault;

import dev.connject.agent.attempt.AttemptTracker;
import dev.connject.agent.attempt.ConnectAttempt;
import dev.connject.agent.attempt.StackTraces;
import dev.connject.agent.attempt.Syscall;
import dev.connject.agent.hook.NativeCallLines;
import dev.connject.agent.safety.InternalErrors;
import dev.connject.config.Delivery;
import dev.connject.config.Errno;
import dev.connject.config.Protocol;
import java.io.FileDescriptor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.util.concurrent.locks.LockSupport;
import sun.nio.ch.ConnjectHooks;
import sun.nio.ch.ConnjectJdk;

/**
 * Applies a rule's fault at connect(2), the way the network it imitates would:
 * <ul>
 *   <li>a synchronous errno: connect(2) fails at once, without reaching the kernel;</li>
 *   <li>an asynchronous errno: connect(2) says EINPROGRESS, and the errno is what the application
 *       reads when it finishes the connect;</li>
 *   <li>a blackhole, and a delay on a non-blocking socket: the connect really is sent, to
 *       {@link Blackhole}, where the socket is as unready as one whose SYNs are dropped, until
 *       the kernel (TCP_USER_TIMEOUT) or connject's timer ends the wait; no thread is busy;</li>
 *   <li>a delay on a blocking socket: the connecting thread waits, as it would in the kernel.</li>
 * </ul>
 * Every system call made or stood in for is recorded in the attempt. What it throws is the
 * application's to see; when connject itself cannot apply a fault, it says so once and lets the
 * connect go ahead untouched.
 */
public final class FaultInjector {

    static final int IN_PROGRESS = -2;
    static final int INTERRUPTED = -3;

    private static final int TCP_SYNCNT = 7;
    private static final int TCP_USER_TIMEOUT = 18;
    /** The most SYN retries Linux allows: the stall's own timeout, not the retries, must end it. */
    private static final int MOST_SYN_RETRIES = 127;

    private final AttemptTracker tracker;
    private final NativeCallLines lines;
    private final InternalErrors errors;
    private final Blackhole blackhole;
    private StallTimer timer;

    public FaultInjector(AttemptTracker tracker, NativeCallLines lines, InternalErrors errors) {
        this.tracker = tracker;
        this.lines = lines;
        this.errors = errors;
        this.blackhole = new Blackhole(tracker);
    }

    /** Returns {@code ConnjectHooks.PROCEED} or the value {@code Net.connect} returns instead; may throw the injected error. */
    public int atConnect(ConnectAttempt attempt, ArmedFault fault, ProtocolFamily family, FileDescriptor fd,
                         InetAddress remote, int port) throws IOException {
        boolean tcp = attempt.protocol() == Protocol.TCP;
        boolean waitsInKernel = tcp && attempt.nonBlocking();
        if (fault.isBlackhole()) {
            return tcp ? blackhole(attempt, family, fd, fault.timeoutMillis()) : ConnjectHooks.PROCEED;
        }
        long delay = fault.delayNanos();
        InjectedError error = fault.error();
        if (error == null) {
            if (waitsInKernel && delay > 0) {
                return delay(attempt, family, fd, delay, new Stall.Ending.ConnectForReal(family, remote, port));
            }
            pause(delay);
            return ConnjectHooks.PROCEED;
        }
        boolean async = tcp && (fault.delivery() == Delivery.ASYNC
                || (fault.delivery() == Delivery.AUTO && attempt.nonBlocking() && error.name().arrivesFromTheNetwork()));
        if (async && waitsInKernel && delay > 0) {
            return delay(attempt, family, fd, delay, new Stall.Ending.Deliver(error));
        }
        pause(delay);
        if (async) {
            attempt.syscall(Syscall.CONNECT, ConnectAttempt.EINPROGRESS);
            attempt.fault(new DeliveredLater(error, lines));
            return IN_PROGRESS;
        }
        return failNow(attempt, error, "sun.nio.ch.Net");
    }

    /** As {@link #atConnect}, for a UNIX-domain socket: its connect(2) never waits on the network. */
    public int atConnectUnix(ConnectAttempt attempt, ArmedFault fault) throws IOException {
        if (fault.isBlackhole()) {
            return ConnjectHooks.PROCEED;
        }
        pause(fault.delayNanos());
        return fault.error() == null ? ConnjectHooks.PROCEED : failNow(attempt, fault.error(), "sun.nio.ch.UnixDomainSockets");
    }

    /** Makes the blackhole now, off the connecting threads, for rules that will need it. */
    public void prepareBlackhole() {
        try {
            blackhole.address();
        } catch (IOException | RuntimeException failure) {
            errors.report("blackhole", failure);
        }
    }

    /** Closes connject's blackhole and stops its timer. */
    public synchronized void close() {
        blackhole.close();
        if (timer != null) {
            timer.close();
        }
    }

    /** connect(2) fails now with {@code error}, as under {@code strace -e inject=connect:error=E}. */
    private int failNow(ConnectAttempt attempt, InjectedError error, String nativeClass) throws IOException {
        if (error.name() == Errno.EINPROGRESS) {
            attempt.syscall(Syscall.CONNECT, ConnectAttempt.EINPROGRESS);
            return IN_PROGRESS;
        }
        if (error.name() == Errno.EINTR) {
            attempt.syscall(Syscall.CONNECT, ConnectAttempt.EINTR);
            return INTERRUPTED;
        }
        attempt.syscall(Syscall.CONNECT, error.name().name());
        throw error.thrownBy(nativeClass, "connect0", lines.lineOf(nativeClass.replace('.', '/'), "connect0"));
    }

    /**
     * A blackhole: the connect goes to {@link Blackhole} with TCP_USER_TIMEOUT set, so that the
     * kernel itself fails it with ETIMEDOUT after {@code millis}, as it fails one whose SYNs are
     * dropped; a blocking socket waits for that in connect(2) itself.
     */
    private int blackhole(ConnectAttempt attempt, ProtocolFamily family, FileDescriptor fd, long millis)
            throws IOException {
        InetSocketAddress hole;
        try {
            hole = blackhole.address();
            ConnjectJdk.setTcpOption(fd, family, TCP_SYNCNT, MOST_SYN_RETRIES);
            ConnjectJdk.setTcpOption(fd, family, TCP_USER_TIMEOUT, (int) Math.min(millis, Integer.MAX_VALUE));
        } catch (IOException | RuntimeException cannotStall) {
            errors.report("blackhole", cannotStall);
            attempt.notInjected();
            return ConnjectHooks.PROCEED;
        }
        return toBlackhole(attempt, family, fd, hole, null, new Stall.Ending.KernelTimeout());
    }

    /** A delay on a non-blocking socket: the connect waits on {@link Blackhole} until the timer ends it. */
    private int delay(ConnectAttempt attempt, ProtocolFamily family, FileDescriptor fd, long nanos,
                      Stall.Ending ending) throws IOException {
        InetSocketAddress hole;
        StallTimer.Ticket ticket;
        try {
            hole = blackhole.address();
            ticket = timer().schedule(ConnjectJdk.fdVal(fd), family, nanos);
        } catch (IOException | RuntimeException cannotStall) {
            errors.report("delay", cannotStall);
            attempt.notInjected();
            return ConnjectHooks.PROCEED;
        }
        return toBlackhole(attempt, family, fd, hole, ticket, ending);
    }

    /**
     * Sends the connect to the blackhole. What it throws is deliberate: the kernel's answer to a
     * blocking connect that waited there until its timeout.
     */
    private int toBlackhole(ConnectAttempt attempt, ProtocolFamily family, FileDescriptor fd, InetSocketAddress hole,
                            StallTimer.Ticket ticket, Stall.Ending ending) throws IOException {
        int result;
        try {
            result = tracker.internally(() -> ConnjectJdk.connect(family, fd, hole.getAddress(), hole.getPort()));
        } catch (IOException kernelEnded) {
            attempt.syscall(Syscall.CONNECT, kernelEnded);
            throw StackTraces.asThrownByNative(kernelEnded, "sun.nio.ch.Net", "connect0",
                    lines.lineOf("sun/nio/ch/Net", "connect0"));
        }
        if (result == IN_PROGRESS) {
            attempt.syscall(Syscall.CONNECT, ConnectAttempt.EINPROGRESS);
            attempt.fault(new Stall(ending, fd, ticket, lines, tracker));
            return result;
        }
        if (ticket != null) {
            ticket.cancel();
        }
        if (result == INTERRUPTED) {
            attempt.syscall(Syscall.CONNECT, ConnectAttempt.EINTR);
            return result;
        }
        // the blackhole answered after all: undo that connection and let the real one go ahead
        ConnjectJdk.datagramDisconnect(fd, family == StandardProtocolFamily.INET6);
        blackhole.close();
        errors.report("blackhole", new IOException("connject's blackhole " + hole + " accepted a connection"));
        attempt.notInjected();
        return ConnjectHooks.PROCEED;
    }

    private synchronized StallTimer timer() {
        if (timer == null) {
            timer = new StallTimer();
        }
        return timer;
    }

    /** Holds the connecting thread for {@code nanos}, as a blocking connect(2) would be held; an interrupt ends it. */
    private static void pause(long nanos) {
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0 && !Thread.currentThread().isInterrupted(); left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
