package dev.connject.testkit;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One traced call as strace printed it: a {@code connect}, or a {@code getsockopt} reading {@code SO_ERROR}.
 *
 * @param tid the id of the calling thread (not of its process: {@code strace -f} prints thread ids)
 * @param syscall {@value #CONNECT} or {@value #GETSOCKOPT}
 * @param fd the socket's file descriptor
 * @param address for a connect, where to: {@code 127.0.0.1:8080} (AF_INET), {@code [::ffff:127.0.0.1]:8080} or
 *     {@code [::1]:8080} (AF_INET6), the socket's path (AF_UNIX; abstract names start with {@code @}), or the
 *     family's name for any other family ({@code AF_UNSPEC}, which disconnects a datagram socket); the argument
 *     as printed if strace could not read it. Null for a getsockopt.
 * @param returnValue what the call returned: 0, or -1 with {@code errno}
 * @param errno the error of a failed call ({@code EINPROGRESS}, {@code ECONNREFUSED}); null if it succeeded.
 *     A call a signal interrupted is reported with the kernel's internal {@code ERESTARTSYS}, which the program
 *     sees as {@code EINTR} unless the kernel restarts the call
 * @param soError for a getsockopt, the socket's pending error it read: a name ({@code ECONNREFUSED}),
 *     {@code "0"} for none, or a number as text for an error strace has no name for; null for a connect or a
 *     failed getsockopt
 * @param injected whether strace injected the result ({@code -e inject=...}) instead of making the call
 */
public record StraceCall(
        int tid, String syscall, int fd, String address, long returnValue, String errno, String soError,
        boolean injected) {

    /** The {@code syscall} of a connect. */
    public static final String CONNECT = "connect";

    /** The {@code syscall} of a read of {@code SO_ERROR}. */
    public static final String GETSOCKOPT = "getsockopt";

    /** An IPv4 address or a bracketed IPv6 address, then a port. */
    private static final Pattern INET_ADDRESS =
            Pattern.compile("(?:\\d{1,3}(?:\\.\\d{1,3}){3}|\\[[0-9a-fA-F:.]+]):(\\d+)");

    /** Checks that the call is one of the two kinds and has an address exactly if it is a connect. */
    public StraceCall {
        Objects.requireNonNull(syscall, "syscall");
        if (!syscall.equals(CONNECT) && !syscall.equals(GETSOCKOPT)) {
            throw new IllegalArgumentException("not a connect or getsockopt: " + syscall);
        }
        if ((address != null) != syscall.equals(CONNECT)) {
            throw new IllegalArgumentException(
                    "a connect has an address, a getsockopt none: " + syscall + " " + address);
        }
    }

    /** Whether this is a connect, rather than a read of {@code SO_ERROR}. */
    public boolean isConnect() {
        return syscall.equals(CONNECT);
    }

    /** The port connected to, or -1 if the address has none (AF_UNIX, AF_UNSPEC, a getsockopt). */
    public int port() {
        if (address == null) {
            return -1;
        }
        Matcher inet = INET_ADDRESS.matcher(address);
        return inet.matches() ? Integer.parseInt(inet.group(1)) : -1;
    }

    /**
     * What the call came to, in the terms of connject's events ({@code "result"} of a {@code "syscalls"} entry):
     * for a connect, {@code "0"} or the errno; for a read of SO_ERROR, the error it read ({@code "0"} for none),
     * or its own errno if the read failed.
     */
    public String result() {
        if (returnValue != 0) {
            return errno;
        }
        return isConnect() ? "0" : soError;
    }

    /** The name connject's events give this call ({@code "call"} of a {@code "syscalls"} entry). */
    public String eventCall() {
        return isConnect() ? "connect" : "so_error";
    }
}
