package dev.connject.agent.attempt;

import dev.connject.config.Api;
import dev.connject.config.Protocol;
import java.net.InetSocketAddress;

/** Attempts as the tracker leaves them, for tests of what reads them. */
public final class Attempts {

    private Attempts() {
    }

    /** A TCP attempt of a socket to the given address, with nothing else yet recorded. */
    public static ConnectAttempt to(InetSocketAddress remote) {
        ConnectAttempt attempt = of(Api.SOCKET, Protocol.TCP);
        attempt.address = remote.getAddress();
        attempt.port = remote.getPort();
        return attempt;
    }

    /** An attempt of a UNIX-domain channel to the given path. */
    public static ConnectAttempt toPath(String path) {
        ConnectAttempt attempt = of(Api.CHANNEL, Protocol.UNIX);
        attempt.path = path;
        return attempt;
    }

    /** Sets what the failure-caller capture and the exception hooks would have set. */
    public static ConnectAttempt failedWith(ConnectAttempt attempt, Throwable error, String... callers) {
        attempt.error = error;
        attempt.callers = callers;
        return attempt;
    }

    private static ConnectAttempt of(Api api, Protocol protocol) {
        ConnectAttempt attempt = new ConnectAttempt();
        attempt.id = 1;
        attempt.threadName = "main";
        attempt.api = api;
        attempt.protocol = protocol;
        return attempt;
    }
}
