package dev.connject.injector.app;

import java.io.IOException;
import java.net.ServerSocket;

/** The test applications' own loopback peer: accepts every connection and closes it at once. */
final class Acceptor {

    private Acceptor() {
    }

    /** Accepts on {@code server} from a daemon thread until the server is closed. */
    static void acceptAndClose(ServerSocket server) {
        Thread acceptor = new Thread(() -> {
            while (true) {
                try {
                    server.accept().close();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }
}
