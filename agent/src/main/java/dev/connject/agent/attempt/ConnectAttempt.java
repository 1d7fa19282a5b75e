package dev.connject.agent.attempt;

import dev.connject.config.Api;
import dev.connject.config.Protocol;
import java.io.FileDescriptor;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * One connect attempt as it unfolds: opened by the hook on the connecting API method, fed by the
 * hooks on the system calls, closed when its outcome is final. Mutable and owned by one thread at
 * a time: the connecting thread, or, once connect(2) has said EINPROGRESS on a socket whose API
 * returns at once, whichever thread completes or closes it. Reused for the next attempt of the
 * same thread when it was never handed off, so that following a connect allocates nothing.
 */
public final class ConnectAttempt {

    /** A system call's result when it succeeded. */
    public static final String OK = "0";
    public static final String EINPROGRESS = "EINPROGRESS";
    public static final String EINTR = "EINTR";

    /** More calls than this in one attempt (a retry loop) are counted, not kept. */
    static final int MAX_SYSCALLS = 16;

    private final Syscall[] calls = new Syscall[MAX_SYSCALLS];
    private final Object[] results = new Object[MAX_SYSCALLS];
    private int syscallCount;
    private int syscallsDropped;

    long id;
    long startNanos;
    /** What {@link AttemptSink#startTiming} started, or {@code null}. */
    Object timing;
    String threadName;
    boolean virtual;
    Api api;
    Object owner;
    boolean handsOff;
    boolean handedOff;
    boolean nonBlocking;
    /** The application's own timeout, 0 when it set none; never above {@code Integer.MAX_VALUE}. */
    int timeoutMillis;
    String host;
    Protocol protocol;
    InetAddress address;
    int port;
    String path;
    boolean disconnect;
    FileDescriptor fd;
    int fdNumber = -1;
    InetSocketAddress local;
    /** Connected at once, local address not yet seen: the JDK's own getsockname(2) comes next. */
    boolean localFromJdk;
    /** The application frames that made the call, as {@code class.method(File.java:line)}, innermost first. */
    String[] callers;
    /** Whether a success is written to the JSON Lines file and the log ({@code record.sample}). */
    boolean sampled;

    String rule;
    boolean injected;
    boolean dryRun;
    PendingFault fault;

    volatile boolean appTimedOut;
    boolean abandoned;
    Throwable error;
    long endNanos;
    boolean finished;

    void reset() {
        for (int i = 0; i < syscallCount; i++) {
            calls[i] = null;
            results[i] = null;
        }
        syscallCount = 0;
        syscallsDropped = 0;
        id = 0;
        startNanos = 0;
        timing = null;
        threadName = null;
        virtual = false;
        api = null;
        owner = null;
        handsOff = false;
        handedOff = false;
        nonBlocking = false;
        timeoutMillis = 0;
        host = null;
        protocol = null;
        address = null;
        port = 0;
        path = null;
        disconnect = false;
        fd = null;
        fdNumber = -1;
        local = null;
        localFromJdk = false;
        callers = null;
        sampled = false;
        rule = null;
        injected = false;
        dryRun = false;
        fault = null;
        appTimedOut = false;
        abandoned = false;
        error = null;
        endNanos = 0;
        finished = false;
    }

    /** Records a system call and its result: a name such as {@link #OK}, or the exception the JDK made of the errno. */
    public void syscall(Syscall call, Object result) {
        if (syscallCount == MAX_SYSCALLS) {
            syscallsDropped++;
            return;
        }
        calls[syscallCount] = call;
        results[syscallCount] = result;
        syscallCount++;
    }

    public int syscallCount() {
        return syscallCount;
    }

    public int syscallsDropped() {
        return syscallsDropped;
    }

    public Syscall call(int i) {
        return calls[i];
    }

    public Object result(int i) {
        return results[i];
    }

    /** The last system call's result, or {@code null} when none was made. */
    public Object lastResult() {
        return syscallCount == 0 ? null : results[syscallCount - 1];
    }

    public long id() {
        return id;
    }

    public long startNanos() {
        return startNanos;
    }

    /** What {@link AttemptSink#startTiming} started for this attempt, or {@code null}. */
    public Object timing() {
        return timing;
    }

    public long endNanos() {
        return endNanos;
    }

    public String threadName() {
        return threadName;
    }

    public boolean isVirtual() {
        return virtual;
    }

    public Api api() {
        return api;
    }

    public Protocol protocol() {
        return protocol;
    }

    /** The host name the application asked for, or {@code null} when it gave only an address. */
    public String host() {
        return host;
    }

    /** The address connect(2) was given; {@code null} for UNIX-domain sockets and datagram disconnects. */
    public InetAddress address() {
        return address;
    }

    public int port() {
        return port;
    }

    /** The UNIX-domain socket path, or {@code null}. */
    public String path() {
        return path;
    }

    /** Whether this attempt is a datagram disconnect: connect(2) with AF_UNSPEC. */
    public boolean isDisconnect() {
        return disconnect;
    }

    public FileDescriptor fd() {
        return fd;
    }

    /** The file descriptor number, read when connect(2) was called; -1 when unknown. */
    public int fdNumber() {
        return fdNumber;
    }

    public InetSocketAddress local() {
        return local;
    }

    public void local(InetSocketAddress local) {
        this.local = local;
    }

    public int timeoutMillis() {
        return timeoutMillis;
    }

    /** Whether the JDK made the socket non-blocking for this connect, so that connect(2) may say EINPROGRESS. */
    public boolean nonBlocking() {
        return nonBlocking;
    }

    /** Whether connect(2) saying EINPROGRESS makes the API return before the outcome is known. */
    public boolean handsOff() {
        return handsOff;
    }

    /** The application frames that made the call, innermost first, or {@code null} when not captured. */
    public String[] callers() {
        return callers;
    }

    /**
     * Whether this attempt is in {@code record.sample}: a success is written to the JSON Lines file
     * and the log only then, a failure always.
     */
    public boolean sampled() {
        return sampled;
    }

    /** The name of the rule that decided this attempt, or {@code null}. */
    public String rule() {
        return rule;
    }

    public boolean injected() {
        return injected;
    }

    public boolean dryRun() {
        return dryRun;
    }

    /** Marks this attempt as decided by {@code rule}: injected, or only recorded as such in dry-run. */
    public void decidedBy(String rule, boolean dryRun) {
        this.rule = rule;
        this.dryRun = dryRun;
        this.injected = !dryRun;
    }

    /** The rule's fault could not be applied: the connect goes ahead as it would without connject. */
    public void notInjected() {
        this.injected = false;
    }

    /** The fault still at work on this attempt (an error to deliver later, a stalled connect), or {@code null}. */
    public PendingFault fault() {
        return fault;
    }

    public void fault(PendingFault fault) {
        this.fault = fault;
    }

    public boolean appTimedOut() {
        return appTimedOut;
    }

    /** Whether the attempt connected (or disconnected): its last call succeeded and nothing failed it since. */
    public boolean succeeded() {
        return error == null && !appTimedOut && !abandoned && OK.equals(lastResult());
    }

    public boolean abandoned() {
        return abandoned;
    }

    /** The exception the application was given, or {@code null} when it connected or was never told. */
    public Throwable error() {
        return error;
    }
}
