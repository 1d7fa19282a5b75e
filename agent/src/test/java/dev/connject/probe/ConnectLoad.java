package dev.connject.probe;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many threads connecting to a loopback listener as fast as they can, each connect closed at
 * once with a reset so that no port lingers in TIME_WAIT. Prints the number of connects made.
 *
 * <p>Usage: {@code ConnectLoad THREADS CONNECTS_PER_THREAD}.
 */
public final class ConnectLoad {

    public static void main(String[] arguments) throws Exception {
        int threads = Integer.parseInt(arguments[0]);
        int perThread = Integer.parseInt(arguments[1]);
        InetSocketAddress target = ClosingListener.start();
        AtomicLong connects = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    try (Socket socket = new Socket()) {
                        socket.setSoLinger(true, 0);
                        socket.connect(target);
                        connects.incrementAndGet();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }, "load-" + t);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        System.out.println(connects.get());
    }
}
