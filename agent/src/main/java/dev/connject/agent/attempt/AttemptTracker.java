package dev.connject.agent.attempt;

import dev.connject.agent.platform.JdkInternals;
import dev.connject.agent.safety.InternalErrors;
import dev.connject.config.Api;
import dev.connject.config.Protocol;
import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectableChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import sun.nio.ch.ConnjectDispatcher;
import sun.nio.ch.ConnjectHooks;
import sun.nio.ch.ConnjectJdk;

/**
 * Follows each connect attempt through the hooks: the target of every hook's call site. An
 * attempt lives in its thread's state while the connecting API call runs, and in a map keyed by
 * the channel while a non-blocking or asynchronous connect is pending between calls.
 *
 * <p>Fail open: every hook catches what goes wrong inside connject, reports it, and lets the JDK
 * carry on; only the errors a fault injects on purpose leave it.
 */
public final class AttemptTracker extends ConnjectDispatcher {

    private static final Api[] APIS = {Api.SOCKET, Api.CHANNEL, Api.ASYNC, Api.DATAGRAM, Api.CHANNEL};
    private static final int IN_PROGRESS = -2;
    private static final int INTERRUPTED = -3;

    /**
     * Each thread's state, which the thread holds only weakly: a thread's map of thread-locals
     * outlives a detach, and a state it held strongly would keep every class of connject's loaded.
     */
    private final ThreadLocal<WeakReference<ThreadState>> threads = new ThreadLocal<>();
    /** What keeps each state alive while connject is: the threads' states, until the thread ends. */
    private final Map<Thread, ThreadState> states = new WeakHashMap<>();
    private final Map<Object, ConnectAttempt> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final InternalErrors errors;
    private volatile ConnectPolicy policy;
    private volatile AttemptSink sink;

    public AttemptTracker(InternalErrors errors, ConnectPolicy policy, AttemptSink sink) {
        this.errors = errors;
        this.policy = policy;
        this.sink = sink;
    }

    public void policy(ConnectPolicy policy) {
        this.policy = policy;
    }

    public void sink(AttemptSink sink) {
        this.sink = sink;
    }

    /** Attempts waiting for their outcome between calls. */
    public int pendingCount() {
        return pending.size();
    }

    /**
     * Runs {@code action} on this thread with the hooks out of its way: connject's own sockets
     * are neither recorded nor faulted.
     */
    public <T, E extends Exception> T internally(InternalAction<T, E> action) throws E {
        ThreadState state = state();
        boolean outer = !state.internal;
        state.internal = true;
        try {
            return action.run();
        } finally {
            if (outer) {
                state.internal = false;
            }
        }
    }

    /** An action of connject's own, run by {@link #internally}. */
    @FunctionalInterface
    public interface InternalAction<T, E extends Exception> {
        T run() throws E;
    }

    // --- API hooks

    @Override
    public void begin(int api, Object owner, SocketAddress remote, long timeoutMillis) {
        try {
            ThreadState state = state();
            if (state.internal) {
                return;
            }
            if (state.current != null) {
                state.depth++;
                return;
            }
            ConnectAttempt attempt = state.spare != null ? state.spare : new ConnectAttempt();
            state.spare = null;
            attempt.reset();
            open(attempt, api, owner, remote, timeoutMillis);
            state.current = attempt;
            state.depth = 1;
        } catch (Throwable failure) {
            errors.report("begin", failure);
        }
    }

    private void open(ConnectAttempt attempt, int api, Object owner, SocketAddress remote, long timeoutMillis) {
        Thread thread = Thread.currentThread();
        attempt.id = ids.incrementAndGet();
        attempt.startNanos = System.nanoTime();
        attempt.timing = sink.startTiming();
        attempt.threadName = thread.getName();
        attempt.virtual = JdkInternals.isVirtual(thread);
        attempt.api = APIS[api];
        attempt.owner = owner;
        attempt.timeoutMillis = timeoutMillis > 0 && timeoutMillis < Integer.MAX_VALUE ? (int) timeoutMillis : 0;
        if (remote instanceof InetSocketAddress) {
            InetAddress address = ((InetSocketAddress) remote).getAddress();
            attempt.host = address == null ? ((InetSocketAddress) remote).getHostString() : ConnjectJdk.originalHostName(address);
            attempt.address = address;
            attempt.port = ((InetSocketAddress) remote).getPort();
            attempt.protocol = api == ConnjectHooks.API_DATAGRAM ? Protocol.UDP : Protocol.TCP;
        } else if (remote instanceof UnixDomainSocketAddress) {
            attempt.path = ((UnixDomainSocketAddress) remote).getPath().toString();
            attempt.protocol = Protocol.UNIX;
        } else {
            attempt.disconnect = true;
            attempt.protocol = Protocol.UDP;
        }
        boolean blockingChannel = api == ConnjectHooks.API_CHANNEL && owner instanceof SelectableChannel
                && ((SelectableChannel) owner).isBlocking();
        attempt.handsOff = api == ConnjectHooks.API_ASYNC || (api == ConnjectHooks.API_CHANNEL && !blockingChannel);
        // the JDK makes the descriptor non-blocking for a timeout, a virtual thread, or an API that returns at once
        attempt.nonBlocking = attempt.virtual || attempt.handsOff || api == ConnjectHooks.API_CHANNEL_TIMED
                || (api == ConnjectHooks.API_SOCKET && attempt.timeoutMillis > 0);
        attempt.sampled = sink.sampleSuccess();
        // an attempt left out of the sample is written only if it fails, and then its caller is read where the
        // failure reaches the application: the same call, unless the API hands the outcome to later calls
        int frames = sink.callerFrames(attempt.sampled || attempt.handsOff);
        if (frames > 0) {
            attempt.callers = state().callers.capture(frames);
        }
    }

    @Override
    public void resume(Object owner) {
        try {
            ThreadState state = state();
            if (state.internal) {
                return;
            }
            if (state.current != null) {
                state.depth++;
                return;
            }
            ConnectAttempt attempt = pending.remove(owner);
            if (attempt != null) {
                state.current = attempt;
                state.depth = 1;
            }
        } catch (Throwable failure) {
            errors.report("resume", failure);
        }
    }

    @Override
    public void returned(int outcome) {
        try {
            ConnectAttempt attempt = leave();
            if (attempt == null) {
                return;
            }
            if (outcome == ConnjectHooks.PENDING) {
                publish(attempt);
            } else if (outcome == ConnjectHooks.CONNECTED) {
                finish(attempt);
            } else {
                Object last = attempt.lastResult();
                if (last == null) {
                    release(attempt);
                } else if (last == ConnectAttempt.EINPROGRESS) {
                    publish(attempt);
                } else {
                    finish(attempt);
                }
            }
        } catch (Throwable failure) {
            errors.report("returned", failure);
        }
    }

    @Override
    public void threw(Throwable thrown) {
        try {
            ConnectAttempt attempt = leave();
            if (attempt == null) {
                return;
            }
            if (attempt.syscallCount() == 0) {
                release(attempt);
                return;
            }
            attempt.error = thrown;
            finish(attempt);
        } catch (Throwable failure) {
            errors.report("threw", failure);
        }
    }

    @Override
    public void closed(Object owner) {
        try {
            ConnectAttempt attempt = pending.remove(owner);
            if (attempt != null) {
                attempt.abandoned = true;
                finish(attempt);
            }
        } catch (Throwable failure) {
            errors.report("closed", failure);
        }
    }

    @Override
    public void timedOut(Object owner) {
        try {
            ConnectAttempt attempt = pending.get(owner);
            if (attempt != null) {
                attempt.appTimedOut = true;
            }
        } catch (Throwable failure) {
            errors.report("timedOut", failure);
        }
    }

    // --- system call hooks

    @Override
    public int connect(ProtocolFamily family, FileDescriptor fd, InetAddress remote, int port) throws IOException {
        ConnectAttempt attempt = current();
        if (attempt == null) {
            return ConnjectHooks.PROCEED;
        }
        int answer;
        try {
            attempt.fd = fd;
            attempt.fdNumber = ConnjectJdk.fdVal(fd);
            attempt.address = remote;
            attempt.port = port;
            answer = policy.atConnect(attempt, family, fd, remote, port);
        } catch (IOException injected) {
            throw injected;
        } catch (Throwable failure) {
            errors.report("connect", failure);
            attempt.notInjected();
            return ConnjectHooks.PROCEED;
        }
        if (answer == IN_PROGRESS) {
            inProgress(attempt);
        }
        return answer;
    }

    @Override
    public int connectUnix(FileDescriptor fd, Path path) throws IOException {
        ConnectAttempt attempt = current();
        if (attempt == null) {
            return ConnjectHooks.PROCEED;
        }
        int answer;
        try {
            attempt.fd = fd;
            attempt.fdNumber = ConnjectJdk.fdVal(fd);
            attempt.path = path.toString();
            answer = policy.atConnectUnix(attempt, fd, path);
        } catch (IOException injected) {
            throw injected;
        } catch (Throwable failure) {
            errors.report("connectUnix", failure);
            attempt.notInjected();
            return ConnjectHooks.PROCEED;
        }
        if (answer == IN_PROGRESS) {
            inProgress(attempt);
        }
        return answer;
    }

    @Override
    public void connectReturned(int result) {
        try {
            ConnectAttempt attempt = current();
            if (attempt == null) {
                return;
            }
            attempt.syscall(Syscall.CONNECT, result == 1 ? ConnectAttempt.OK
                    : result == IN_PROGRESS ? ConnectAttempt.EINPROGRESS
                    : result == INTERRUPTED ? ConnectAttempt.EINTR : Integer.toString(result));
            if (result == IN_PROGRESS) {
                inProgress(attempt);
            } else if (result == 1) {
                connected(attempt);
            }
        } catch (Throwable failure) {
            errors.report("connectReturned", failure);
        }
    }

    @Override
    public void connectThrew(Throwable thrown) {
        try {
            ConnectAttempt attempt = current();
            if (attempt != null) {
                attempt.syscall(Syscall.CONNECT, thrown);
            }
        } catch (Throwable failure) {
            errors.report("connectThrew", failure);
        }
    }

    @Override
    public int poll(FileDescriptor fd) throws IOException {
        ConnectAttempt attempt = current();
        if (attempt == null || attempt.fault == null) {
            return ConnjectHooks.PROCEED;
        }
        try {
            return attempt.fault.poll(attempt, fd);
        } catch (IOException injected) {
            throw injected;
        } catch (Throwable failure) {
            errors.report("poll", failure);
            return ConnjectHooks.PROCEED;
        }
    }

    @Override
    public void pollReturned(int connected) {
        try {
            ConnectAttempt attempt = current();
            if (attempt != null && connected == 1) {
                attempt.syscall(Syscall.SO_ERROR, ConnectAttempt.OK);
            }
        } catch (Throwable failure) {
            errors.report("pollReturned", failure);
        }
    }

    @Override
    public void pollThrew(Throwable thrown) {
        try {
            ConnectAttempt attempt = current();
            if (attempt != null) {
                attempt.syscall(Syscall.SO_ERROR, thrown);
            }
        } catch (Throwable failure) {
            errors.report("pollThrew", failure);
        }
    }

    @Override
    public void localAddressRead(FileDescriptor fd, InetSocketAddress local) {
        try {
            ConnectAttempt attempt = current();
            if (attempt != null && attempt.localFromJdk && attempt.fd == fd) {
                attempt.localFromJdk = false;
                attempt.local = local;
            }
        } catch (Throwable failure) {
            errors.report("localAddressRead", failure);
        }
    }

    @Override
    /** Stands in for the asynchronous channel's native {@code checkConnect}, which it always ends up calling unless a fault answers. */
    public void checkConnect(int fdVal) throws IOException {
        ConnectAttempt attempt = null;
        try {
            attempt = current();
            if (attempt != null && attempt.fault != null) {
                attempt.fault.checkConnect(attempt, fdVal, ConnjectJdk::asyncCheckConnect);
                return;
            }
        } catch (IOException injected) {
            throw injected;
        } catch (Throwable failure) {
            errors.report("checkConnect", failure);
        }
        try {
            ConnjectJdk.asyncCheckConnect(fdVal);
        } catch (IOException fromTheKernel) {
            if (attempt != null) {
                attempt.syscall(Syscall.SO_ERROR, fromTheKernel);
            }
            throw StackTraces.asThrownByNative(fromTheKernel, "sun.nio.ch.UnixAsynchronousSocketChannelImpl",
                    "checkConnect", -1);
        }
        if (attempt != null) {
            attempt.syscall(Syscall.SO_ERROR, ConnectAttempt.OK);
        }
    }

    @Override
    /** Stands in for the datagram channel's native {@code disconnect0}, which it always calls. */
    public void disconnect(FileDescriptor fd, boolean isIPv6) throws IOException {
        ConnectAttempt attempt = current();
        if (attempt != null) {
            attempt.fd = fd;
            attempt.fdNumber = ConnjectJdk.fdVal(fd);
        }
        try {
            ConnjectJdk.datagramDisconnect(fd, isIPv6);
        } catch (IOException fromTheKernel) {
            if (attempt != null) {
                attempt.syscall(Syscall.CONNECT, fromTheKernel);
            }
            throw StackTraces.asThrownByNative(fromTheKernel, "sun.nio.ch.DatagramChannelImpl", "disconnect0", -1);
        }
        if (attempt != null) {
            attempt.syscall(Syscall.CONNECT, ConnectAttempt.OK);
        }
    }

    // --- life cycle of an attempt

    /** The attempt this thread's API call is following, or {@code null}; never fails. */
    private ConnectAttempt current() {
        try {
            ThreadState state = state();
            return state.internal ? null : state.current;
        } catch (Throwable failure) {
            errors.report("current", failure);
            return null;
        }
    }

    /**
     * Ends this thread's hold on its attempt when the outermost API call returns. Returns the
     * attempt, or {@code null} when there is none or it was handed off during the call: another
     * thread may own it by now.
     */
    private ConnectAttempt leave() {
        ThreadState state = state();
        if (state.internal || state.current == null || --state.depth > 0) {
            return null;
        }
        ConnectAttempt attempt = state.handedOff ? null : state.current;
        state.current = null;
        state.handedOff = false;
        return attempt;
    }

    /** connect(2) said EINPROGRESS: where the API returns at once, the attempt passes to whoever completes or closes the channel. */
    private void inProgress(ConnectAttempt attempt) {
        local(attempt);
        if (attempt.handsOff) {
            publish(attempt);
        }
    }

    /**
     * Connected at once: the JDK reads the local address next, before its API call returns, and its
     * answer is taken if wanted. When it is not, the JDK's answer is left alone, and the JIT can
     * still do without allocating it where the JDK only reads its port.
     */
    private void connected(ConnectAttempt attempt) {
        attempt.localFromJdk = sink.wantsLocalAddress();
    }

    private void local(ConnectAttempt attempt) {
        if (attempt.protocol != Protocol.UNIX && attempt.fd != null && sink.wantsLocalAddress()) {
            try {
                attempt.local = ConnjectJdk.localAddress(attempt.fd);
            } catch (IOException closedMeanwhile) {
                attempt.local = null;
            }
        }
    }

    /** Hands the attempt to the map, for whichever thread completes or closes its channel; it is never reused. */
    private void publish(ConnectAttempt attempt) {
        ThreadState state = state();
        if (state.current == attempt) {
            state.handedOff = true;
        }
        attempt.handedOff = true;
        pending.put(attempt.owner, attempt);
    }

    private void finish(ConnectAttempt attempt) {
        if (attempt.fault != null) {
            attempt.fault.abandon();
            attempt.fault = null;
        }
        attempt.endNanos = System.nanoTime();
        if (attempt.timing != null) {
            sink.endTiming(attempt.timing);
        }
        if (attempt.localFromJdk) {
            attempt.localFromJdk = false;
            local(attempt);
        }
        if (attempt.callers == null && !attempt.succeeded()) {
            int frames = sink.failureCallerFrames();
            if (frames > 0) {
                attempt.callers = state().callers.capture(frames);
            }
        }
        sink.finished(attempt);
        release(attempt);
    }

    /** Keeps an attempt for this thread's next connect, unless it was ever handed to other threads. */
    private void release(ConnectAttempt attempt) {
        if (!attempt.handedOff) {
            ThreadState state = state();
            if (state.current == null) {
                state.spare = attempt;
            }
        }
    }

    /** This thread's state, made the first time it is asked for. */
    private ThreadState state() {
        WeakReference<ThreadState> held = threads.get();
        ThreadState state = held == null ? null : held.get();
        return state != null ? state : newState();
    }

    private ThreadState newState() {
        ThreadState state = new ThreadState();
        synchronized (states) {
            states.put(Thread.currentThread(), state);
        }
        threads.set(new WeakReference<>(state));
        return state;
    }

    /** What one thread is following. */
    private static final class ThreadState {
        final CallerCapture callers = new CallerCapture();
        ConnectAttempt current;
        ConnectAttempt spare;
        int depth;
        boolean handedOff;
        boolean internal;
    }
}
