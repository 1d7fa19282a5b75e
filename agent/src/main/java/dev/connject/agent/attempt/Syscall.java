package dev.connject.agent.attempt;

/** The system calls an attempt records: what strace would show for it. */
public enum Syscall {
    /** connect(2), including the AF_UNSPEC form that disconnects a datagram socket. */
    CONNECT("connect"),
    /** A read of SO_ERROR once poll(2) reported the socket ready. */
    SO_ERROR("so_error");

    private final String eventName;

    Syscall(String eventName) {
        this.eventName = eventName;
    }

    /** The name used in events. */
    public String eventName() {
        return eventName;
    }
}
