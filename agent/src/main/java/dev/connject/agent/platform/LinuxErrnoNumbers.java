package dev.connject.agent.platform;

import java.util.Map;

/**
 * The Linux kernel's numbers for the errors connject names, as its generic ABI defines them
 * ({@code include/uapi/asm-generic/errno-base.h} and {@code errno.h}): used only where the C library
 * cannot name its errors.
 */
final class LinuxErrnoNumbers {

    static final Map<String, Integer> ALL = Map.ofEntries(
            Map.entry("EPERM", 1), Map.entry("ENOENT", 2), Map.entry("EINTR", 4), Map.entry("EBADF", 9),
            Map.entry("EAGAIN", 11), Map.entry("EACCES", 13), Map.entry("EFAULT", 14), Map.entry("ENOTSOCK", 88),
            Map.entry("EPROTOTYPE", 91), Map.entry("EAFNOSUPPORT", 97), Map.entry("EADDRINUSE", 98),
            Map.entry("EADDRNOTAVAIL", 99), Map.entry("ENETUNREACH", 101), Map.entry("ECONNRESET", 104),
            Map.entry("EISCONN", 106), Map.entry("ENOTCONN", 107), Map.entry("ETIMEDOUT", 110),
            Map.entry("ECONNREFUSED", 111), Map.entry("EHOSTUNREACH", 113), Map.entry("EALREADY", 114),
            Map.entry("EINPROGRESS", 115), Map.entry("EPROTO", 71));

    private LinuxErrnoNumbers() {
    }
}
