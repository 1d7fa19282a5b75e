package dev.connject.bench;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The benchmarks' connect: to a loopback server of the benchmark's own, which accepts and closes
 * on a daemon thread, and closed at once with a reset, so that no port is left in TIME_WAIT.
 */
public final class LoopbackTarget implements Closeable {

    private final ServerSocket server;
    private final InetSocketAddress address;

    private LoopbackTarget(ServerSocket server) {
        this.server = server;
        this.address = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
    }

    public static LoopbackTarget start() throws IOException {
        ServerSocket server = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (true) {
                try {
                    server.accept().close();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return new LoopbackTarget(server);
    }

    public void connectAndClose() throws IOException {
        try (Socket socket = new Socket()) {
            socket.setSoLinger(true, 0);
            socket.connect(address);
        }
    }

    /** Closes the server, which ends its acceptor. */
    @Override
    public void close() throws IOException {
        server.close();
    }
}
