package dev.connject.agent.record;

import dev.connject.agent.attempt.ConnectAttempt;
import dev.connject.agent.attempt.Syscall;
import dev.connject.agent.platform.PlatformErrnos;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.function.Supplier;

/**
 * Reads what an attempt came to from what it recorded: the names of its system calls' results,
 * and the result, errno and error of the attempt. The JDK's exceptions carry the kernel's errno
 * only as strerror(3) text, so a name is found by that text.
 */
final class Outcomes {

    static final String CONNECTED = "connected";
    static final String DISCONNECTED = "disconnected";
    static final String TIMEOUT = "timeout";
    static final String ABANDONED = "abandoned";

    private final Supplier<PlatformErrnos> source;
    private PlatformErrnos errnos;

    /** @param source the errno table, asked for only when a name or number is needed: its first reading loads JNA */
    Outcomes(Supplier<PlatformErrnos> source) {
        this.source = source;
    }

    private PlatformErrnos errnos() {
        if (errnos == null) {
            errnos = source.get();
        }
        return errnos;
    }

    /**
     * The name of a system call's result. The JDK reports a socket that poll(2) found hung up
     * with SO_ERROR 0 as ENOTCONN; the SO_ERROR read itself returned 0, and that is what is shown.
     */
    String syscallResult(Syscall call, Object result) {
        if (!(result instanceof Throwable)) {
            return (String) result;
        }
        String name = errnoName((Throwable) result);
        if (call == Syscall.SO_ERROR && "ENOTCONN".equals(name)) {
            return ConnectAttempt.OK;
        }
        return name;
    }

    /**
     * The result of the attempt as a whole, from its last system call's result, the exception the
     * application was given, and what happened to it meanwhile.
     */
    String result(Object last, Throwable error, boolean appTimedOut, boolean abandoned, boolean disconnect) {
        if (appTimedOut || error instanceof SocketTimeoutException || isHttpConnectTimeout(error)) {
            return TIMEOUT;
        }
        if (abandoned || isClose(error)) {
            return ABANDONED;
        }
        if (error == null && ConnectAttempt.OK.equals(last)) {
            return disconnect ? DISCONNECTED : CONNECTED;
        }
        if (last instanceof Throwable) {
            return errnoName((Throwable) last);
        }
        if (error != null) {
            return errnoName(error);
        }
        return last instanceof String ? (String) last : ABANDONED;
    }

    /** The errno number of a result that names one, else {@code null}. */
    Integer errno(String result) {
        if (result == CONNECTED || result == DISCONNECTED || result == TIMEOUT || result == ABANDONED) {
            return null;
        }
        int number = errnos().number(result);
        return number < 0 ? null : number;
    }

    /** The exception the application saw: the API's, or for an asynchronous channel the one its Future or handler got. */
    static String error(Object last, Throwable error) {
        if (error != null) {
            return error.toString();
        }
        return last instanceof Throwable ? last.toString() : null;
    }

    private String errnoName(Throwable thrown) {
        int number = errnos().numberOfMessage(thrown.getMessage());
        String name = number < 0 ? null : errnos().name(number);
        return name != null ? name : String.valueOf(thrown.getMessage());
    }

    private static boolean isClose(Throwable thrown) {
        return thrown instanceof ClosedChannelException
                || (thrown instanceof SocketException && ("Socket closed".equals(thrown.getMessage())
                || "Closed by interrupt".equals(thrown.getMessage())));
    }

    private static boolean isHttpConnectTimeout(Throwable thrown) {
        return thrown != null && thrown.getClass().getName().equals("java.net.http.HttpConnectTimeoutException");
    }
}
