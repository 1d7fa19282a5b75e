package dev.connject.agent.fault;

import dev.connject.agent.attempt.StackTraces;
import dev.connject.agent.platform.PlatformErrnos;
import dev.connject.config.Errno;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;

/**
 * An errno as the JDK would report it: the exception class its native code picks for that errno
 * ({@code handleSocketError} in the JDK's {@code Net.c}, the same on 17 and 25), the platform's
 * strerror text as the message, and a stack trace that starts at the native method that would
 * have failed.
 *
 * @param name    the errno's name
 * @param number  the platform's number for it
 * @param message the platform's strerror(3) text
 */
public record InjectedError(Errno name, int number, String message, Kind kind) {

    /** The exception classes the JDK's native code throws for a connect error. */
    public enum Kind {
        CONNECT, NO_ROUTE_TO_HOST, BIND, SOCKET
    }

    /** The error {@code name} means on this platform. */
    public static InjectedError of(Errno name, PlatformErrnos errnos) {
        int number = errnos.number(name.name());
        if (number < 0) {
            throw new IllegalArgumentException(name + " has no number on this platform");
        }
        return new InjectedError(name, number, errnos.message(number), kindOf(name));
    }

    private static Kind kindOf(Errno name) {
        switch (name) {
            case ECONNREFUSED:
            case ETIMEDOUT:
                return Kind.CONNECT;
            case EHOSTUNREACH:
                return Kind.NO_ROUTE_TO_HOST;
            case EADDRINUSE:
            case EADDRNOTAVAIL:
            case EACCES:
                return Kind.BIND;
            default:
                return Kind.SOCKET;
        }
    }

    /** The exception, with the trace of one thrown by {@code nativeClass.nativeMethod} called at {@code callLine}. */
    public IOException thrownBy(String nativeClass, String nativeMethod, int callLine) {
        return StackTraces.asThrownByNative(create(), nativeClass, nativeMethod, callLine);
    }

    private IOException create() {
        switch (kind) {
            case CONNECT:
                return new ConnectException(message);
            case NO_ROUTE_TO_HOST:
                return new NoRouteToHostException(message);
            case BIND:
                return new BindException(message);
            default:
                return new SocketException(message);
        }
    }
}
