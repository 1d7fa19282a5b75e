package dev.connject.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Ports on {@code 127.0.0.1}, picked by the kernel among the ephemeral ones it considers free. Nothing holds
 * them once returned: another process could take one meanwhile, which is rare.
 */
public final class LoopbackPorts {

    private LoopbackPorts() {
    }

    /** A port a test server can bind on {@code 127.0.0.1}. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind an ephemeral port on the loopback", e);
        }
    }

    /**
     * A port nothing listens on, on {@code 127.0.0.1}: a connect to it is refused ({@code ECONNREFUSED}). Found
     * like a {@link #freePort() free port}: the kernel picked it for a socket that is closed again.
     */
    public static int closedPort() {
        return freePort();
    }
}
