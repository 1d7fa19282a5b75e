package dev.connject.agent.record;

import dev.connject.agent.attempt.ConnectAttempt;
import dev.connject.agent.attempt.Syscall;
import dev.connject.config.Api;
import dev.connject.config.Protocol;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A slot of the {@link EventRing}: a copy of a finished attempt, made on the connecting thread by
 * plain field copies, and turned into a {@link ConnectEvent} on the recorder's thread.
 * <p>
 * What costs in the copy is the slot's cache lines: a slot is written once a lap of the ring, and
 * read in between on the recorder's core. So what most attempts have is kept in 104 bytes, the
 * system calls and their usual results coded in one long; what only some have (an exception, a
 * rule, a caller, a path, another result) is kept {@link Rare apart} and not touched otherwise.
 */
final class EventSlot {

    static final int MAX_SYSCALLS = 8;

    /** The results most system calls have, coded by their index; {@link #OTHER_RESULT} is looked up in {@link Rare}. */
    private static final String[] COMMON_RESULTS = {ConnectAttempt.OK, ConnectAttempt.EINPROGRESS, ConnectAttempt.EINTR};
    private static final int OTHER_RESULT = COMMON_RESULTS.length;
    private static final int RESULT_BITS = 2;
    private static final Syscall[] CALLS = Syscall.values();

    /** The ring sequence number plus one once the slot holds that event: the publication mark. */
    volatile long published;

    /** The system calls, a byte each from the lowest: the call's ordinal above its result's code. */
    private long calls;
    private byte syscallCount;
    long id;
    long startNanos;
    long endNanos;
    String threadName;
    boolean virtual;
    Api api;
    Protocol protocol;
    String host;
    InetAddress address;
    int port;
    boolean disconnect;
    int fd;
    InetSocketAddress local;
    int timeoutMillis;
    boolean sampled;
    boolean injected;
    boolean dryRun;
    boolean appTimedOut;
    boolean abandoned;
    /** Whether {@link #rare} holds this event's: when not, each of its fields reads as {@code null}. */
    private boolean hasRare;
    private final Rare rare;

    private EventSlot(Rare rare) {
        this.rare = rare;
    }

    /**
     * The slots of a ring. The rare parts are made first, so that the slots lie next to each
     * other and a connect that follows another writes into a line the last one brought in.
     */
    static EventSlot[] ring(int capacity) {
        Rare[] rares = new Rare[capacity];
        for (int i = 0; i < capacity; i++) {
            rares[i] = new Rare();
        }
        EventSlot[] slots = new EventSlot[capacity];
        for (int i = 0; i < capacity; i++) {
            slots[i] = new EventSlot(rares[i]);
        }
        return slots;
    }

    void copyFrom(ConnectAttempt attempt) {
        int count = Math.min(attempt.syscallCount(), MAX_SYSCALLS);
        long coded = 0;
        boolean otherResult = false;
        for (int i = 0; i < count; i++) {
            Object result = attempt.result(i);
            int code = code(result);
            if (code == OTHER_RESULT) {
                rare.results[i] = result;
                otherResult = true;
            }
            coded |= (long) (attempt.call(i).ordinal() << RESULT_BITS | code) << (Byte.SIZE * i);
        }
        calls = coded;
        syscallCount = (byte) count;
        id = attempt.id();
        startNanos = attempt.startNanos();
        endNanos = attempt.endNanos();
        threadName = attempt.threadName();
        virtual = attempt.isVirtual();
        api = attempt.api();
        protocol = attempt.protocol();
        host = attempt.host();
        address = attempt.address();
        port = attempt.port();
        disconnect = attempt.isDisconnect();
        fd = attempt.fdNumber();
        local = attempt.local();
        timeoutMillis = attempt.timeoutMillis();
        sampled = attempt.sampled();
        injected = attempt.injected();
        dryRun = attempt.dryRun();
        appTimedOut = attempt.appTimedOut();
        abandoned = attempt.abandoned();
        String path = attempt.path();
        String rule = attempt.rule();
        Throwable error = attempt.error();
        String[] callers = attempt.callers();
        hasRare = otherResult || path != null || rule != null || error != null || callers != null;
        if (hasRare) {
            rare.path = path;
            rare.rule = rule;
            rare.error = error;
            rare.callers = callers;
        }
    }

    private static int code(Object result) {
        for (int i = 0; i < COMMON_RESULTS.length; i++) {
            if (result == COMMON_RESULTS[i]) {
                return i;
            }
        }
        return OTHER_RESULT;
    }

    private Syscall call(int i) {
        return CALLS[(int) (calls >>> (Byte.SIZE * i + RESULT_BITS)) & (0xff >>> RESULT_BITS)];
    }

    private Object result(int i) {
        int code = (int) (calls >>> (Byte.SIZE * i)) & ((1 << RESULT_BITS) - 1);
        return code == OTHER_RESULT ? rare.results[i] : COMMON_RESULTS[code];
    }

    String path() {
        return hasRare ? rare.path : null;
    }

    private String rule() {
        return hasRare ? rare.rule : null;
    }

    private Throwable error() {
        return hasRare ? rare.error : null;
    }

    private String[] callers() {
        return hasRare ? rare.callers : null;
    }

    private Object lastResult() {
        return syscallCount == 0 ? null : result(syscallCount - 1);
    }

    String result(Outcomes outcomes) {
        return outcomes.result(lastResult(), error(), appTimedOut, abandoned, disconnect);
    }

    ConnectEvent toEvent(Outcomes outcomes, WallClock clock, long pid) {
        List<ConnectEvent.SyscallRecord> syscalls = new ArrayList<>(syscallCount);
        for (int i = 0; i < syscallCount; i++) {
            Syscall call = call(i);
            syscalls.add(new ConnectEvent.SyscallRecord(call.eventName(), outcomes.syscallResult(call, result(i))));
        }
        Object last = lastResult();
        String result = result(outcomes);
        return new ConnectEvent(clock.at(startNanos), id, pid, threadName, virtual, api.yamlName(),
                protocol.yamlName(), host, remote(),
                local == null ? null : Addresses.format(local.getAddress(), local.getPort()), fd, timeoutMillis,
                result, outcomes.errno(result), Outcomes.error(last, error()), (endNanos - startNanos) / 1000, syscalls,
                injected, rule(), dryRun, callerNames());
    }

    /** Drops the references the slot holds, so a slow ring does not keep exceptions and addresses alive. */
    void clear() {
        host = null;
        address = null;
        local = null;
        threadName = null;
        if (hasRare) {
            rare.clear();
        }
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
        line.key("api").string(api.yamlName());
        line.key("protocol").string(protocol.yamlName());
        line.key("host").string(host);
        line.key("remote");
        String path = path();
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
        Throwable error = error();
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
            Syscall call = call(i);
            line.objectStart().key("call").string(call.eventName()).key("result")
                    .string(outcomes.syscallResult(call, result(i))).objectEnd();
        }
        line.raw(']');
        line.key("injected").bool(injected);
        line.key("rule").string(rule());
        line.key("dry_run").bool(dryRun);
        line.key("caller");
        String[] callers = callers();
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
        String path = path();
        if (path != null) {
            return path;
        }
        return address == null ? null : Addresses.format(address, port);
    }

    private List<String> callerNames() {
        String[] callers = callers();
        return callers == null ? List.of() : List.of(callers);
    }

    /** What only some attempts have; read only when {@link #hasRare} says it holds the event's. */
    private static final class Rare {
        /** The results not among the {@link #COMMON_RESULTS}, at their system call's index. */
        final Object[] results = new Object[MAX_SYSCALLS];
        String path;
        String rule;
        Throwable error;
        String[] callers;

        void clear() {
            Arrays.fill(results, null);
            path = null;
            rule = null;
            error = null;
            callers = null;
        }
    }
}
