package dev.connject.agent.record;

import dev.connject.agent.attempt.ConnectAttempt;
import dev.connject.agent.attempt.Syscall;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A slot of the {@link EventRing}: a copy of a finished attempt, made on the connecting thread by
 * plain field copies, and turned into a {@link ConnectEvent} on the recorder's thread.
 */
final class EventSlot {

    static final int MAX_SYSCALLS = 8;

    /** The ring sequence number plus one once the slot holds that event: the publication mark. */
    volatile long published;

    private final Syscall[] calls = new Syscall[MAX_SYSCALLS];
    private final Object[] results = new Object[MAX_SYSCALLS];
    int syscallCount;
    long id;
    long startNanos;
    long endNanos;
    String threadName;
    boolean virtual;
    String api;
    String protocol;
    String host;
    InetAddress address;
    int port;
    String path;
    boolean disconnect;
    int fd;
    InetSocketAddress local;
    long timeoutMillis;
    boolean injected;
    boolean dryRun;
    String rule;
    boolean appTimedOut;
    boolean abandoned;
    Throwable error;
    String[] callers;

    void copyFrom(ConnectAttempt attempt) {
        int count = Math.min(attempt.syscallCount(), MAX_SYSCALLS);
        for (int i = 0; i < count; i++) {
            calls[i] = attempt.call(i);
            results[i] = attempt.result(i);
        }
        for (int i = count; i < syscallCount; i++) {
            calls[i] = null;
            results[i] = null;
        }
        syscallCount = count;
        id = attempt.id();
        startNanos = attempt.startNanos();
        endNanos = attempt.endNanos();
        threadName = attempt.threadName();
        virtual = attempt.isVirtual();
        api = attempt.api().yamlName();
        protocol = attempt.protocol().yamlName();
        host = attempt.host();
        address = attempt.address();
        port = attempt.port();
        path = attempt.path();
        disconnect = attempt.isDisconnect();
        fd = attempt.fdNumber();
        local = attempt.local();
        timeoutMillis = attempt.timeoutMillis();
        injected = attempt.injected();
        dryRun = attempt.dryRun();
        rule = attempt.rule();
        appTimedOut = attempt.appTimedOut();
        abandoned = attempt.abandoned();
        error = attempt.error();
        callers = attempt.callers();
    }

    Object lastResult() {
        return syscallCount == 0 ? null : results[syscallCount - 1];
    }

    String result(Outcomes outcomes) {
        return outcomes.result(lastResult(), error, appTimedOut, abandoned, disconnect);
    }

    ConnectEvent toEvent(Outcomes outcomes, WallClock clock, long pid) {
        List<ConnectEvent.SyscallRecord> syscalls = new ArrayList<>(syscallCount);
        for (int i = 0; i < syscallCount; i++) {
            syscalls.add(new ConnectEvent.SyscallRecord(calls[i].eventName(), outcomes.syscallResult(calls[i], results[i])));
        }
        Object last = lastResult();
        String result = result(outcomes);
        return new ConnectEvent(clock.at(startNanos), id, pid, threadName, virtual, api, protocol, host, remote(),
                local == null ? null : Addresses.format(local.getAddress(), local.getPort()), fd, timeoutMillis,
                result, outcomes.errno(result), Outcomes.error(last, error), (endNanos - startNanos) / 1000, syscalls,
                injected, rule, dryRun, callerNames());
    }

    /** Drops the references the slot holds, so a slow ring does not keep exceptions and addresses alive. */
    void clear() {
        for (int i = 0; i < syscallCount; i++) {
            results[i] = null;
        }
        host = null;
        address = null;
        local = null;
        error = null;
        callers = null;
        threadName = null;
    }

    /** Writes the event as one JSON line, fields in the documented order, allocating nothing for most events. */
    void writeJson(JsonLine line, Outcomes outcomes, String result, WallClock clock, long pid) {
        Object last = lastResult();
        line.begin();
        line.key("time").time(clock.epochNanos(startNanos));
        line.key("id").number(id);
        line.key("pid").number(pid);
        line.key("thread").string(threadName);
        line.key("virtual").bool(virtual);
        line.key("api").string(api);
        line.key("protocol").string(protocol);
        line.key("host").string(host);
        line.key("remote");
        if (path != null) {
            line.string(path);
        } else {
            line.address(address, port);
        }
        line.key("local");
        if (local == null) {
            line.nullValue();
        } else {
            line.address(local.getAddress(), local.getPort());
        }
        line.key("fd").number(fd);
        line.key("timeout_ms").number(timeoutMillis);
        line.key("result").string(result);
        Integer errno = outcomes.errno(result);
        line.key("errno");
        if (errno == null) {
            line.nullValue();
        } else {
            line.number(errno);
        }
        Throwable shown = error != null ? error : last instanceof Throwable ? (Throwable) last : null;
        line.key("error");
        if (shown == null) {
            line.nullValue();
        } else {
            line.openString().escaped(shown.getClass().getName());
            if (shown.getLocalizedMessage() != null) {
                line.escaped(": ").escaped(shown.getLocalizedMessage());
            }
            line.closeString();
        }
        line.key("duration_us").number((endNanos - startNanos) / 1000);
        line.key("syscalls").raw('[');
        for (int i = 0; i < syscallCount; i++) {
            if (i > 0) {
                line.raw(',');
            }
            line.objectStart().key("call").string(calls[i].eventName()).key("result")
                    .string(outcomes.syscallResult(calls[i], results[i])).objectEnd();
        }
        line.raw(']');
        line.key("injected").bool(injected);
        line.key("rule").string(rule);
        line.key("dry_run").bool(dryRun);
        line.key("caller");
        if (callers == null || callers.length == 0) {
            line.nullValue();
        } else {
            line.string(callers[0]);
            if (callers.length > 1) {
                line.key("stack").raw('[');
                for (int i = 0; i < callers.length; i++) {
                    if (i > 0) {
                        line.raw(',');
                    }
                    line.string(callers[i]);
                }
                line.raw(']');
            }
        }
        line.end();
    }

    private String remote() {
        if (path != null) {
            return path;
        }
        return address == null ? null : Addresses.format(address, port);
    }

    private List<String> callerNames() {
        return callers == null ? List.of() : List.of(callers);
    }
}
