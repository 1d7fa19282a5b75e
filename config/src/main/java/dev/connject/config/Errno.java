package dev.connject.config;

/**
 * The errors a rule may make a connect fail with: every error of the connect(2) manual page,
 * and EHOSTUNREACH, ECONNRESET and ENOENT. Only names live here; numbers and messages are the
 * running platform's and are looked up where the fault is applied.
 */
public enum Errno implements YamlNamed {
    EACCES, EPERM, EADDRINUSE, EADDRNOTAVAIL, EAFNOSUPPORT, EAGAIN, EALREADY, EBADF,
    ECONNREFUSED, EFAULT, EINPROGRESS, EINTR, EISCONN, ENETUNREACH, ENOTSOCK, EPROTOTYPE,
    ETIMEDOUT, EHOSTUNREACH, ECONNRESET, ENOENT;

    /** Errnos are written as C names them. */
    @Override
    public String yamlName() {
        return name();
    }

    /**
     * Whether a real network reports this error after connect(2) has said EINPROGRESS, through
     * {@code SO_ERROR}, on a non-blocking socket: the answers that come back from the far side.
     */
    public boolean arrivesFromTheNetwork() {
        switch (this) {
            case ECONNREFUSED:
            case ECONNRESET:
            case ETIMEDOUT:
            case EHOSTUNREACH:
            case ENETUNREACH:
                return true;
            default:
                return false;
        }
    }

    /** The errno with this name, or {@code null}. */
    public static Errno ofName(String name) {
        for (Errno errno : values()) {
            if (errno.name().equals(name)) {
                return errno;
            }
        }
        return null;
    }
}
