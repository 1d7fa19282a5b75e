package dev.connject.agent.record;

import java.time.Instant;
import java.util.List;

/**
 * One connect attempt, final: what every sink receives. Field for field the event of the
 * JSON Lines format.
 *
 * @param remote   {@code address:port}, or the UNIX-domain path; {@code null} for a datagram disconnect
 * @param local    the local {@code address:port} once connect(2) had bound the socket, or {@code null}
 * @param result   {@code connected}, {@code disconnected}, an errno name, {@code timeout} or {@code abandoned}
 * @param errno    the errno number of an errno {@code result}, else {@code null}
 * @param error    the exception the application was given, as its {@code toString()}, or {@code null}
 * @param syscalls what strace would have shown for this attempt
 * @param callers  the application frames that made the call, innermost first; may be empty
 */
public record ConnectEvent(Instant time, long id, long pid, String thread, boolean virtual, String api,
                           String protocol, String host, String remote, String local, int fd, long timeoutMillis,
                           String result, Integer errno, String error, long durationMicros,
                           List<SyscallRecord> syscalls, boolean injected, String rule, boolean dryRun,
                           List<String> callers) {

    public ConnectEvent {
        syscalls = List.copyOf(syscalls);
        callers = List.copyOf(callers);
    }

    /** Whether the attempt failed: anything but connected or disconnected. */
    public boolean failed() {
        return !result.equals("connected") && !result.equals("disconnected");
    }

    /** The first application frame, or {@code null}. */
    public String caller() {
        return callers.isEmpty() ? null : callers.get(0);
    }

    /** One system call of an attempt and what it answered. */
    public record SyscallRecord(String call, String result) {
    }
}
