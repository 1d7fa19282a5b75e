package dev.connject.probe;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Threads connecting to a loopback listener, counting for themselves what they got: connected,
 * or refused. Prints {@code connected=N refused=M}, and with one thread the sequence of outcomes
 * ({@code .} connected, {@code X} refused) so that runs can be compared attempt by attempt.
 *
 * <p>Usage: {@code RuleLoad THREADS CONNECTS_PER_THREAD INTERVAL_MS}.
 */
public final class RuleLoad {

    public static void main(String[] arguments) throws Exception {
        int threads = Integer.parseInt(arguments[0]);
        int perThread = Integer.parseInt(arguments[1]);
        long interval = Long.parseLong(arguments[2]);
        InetSocketAddress target = ClosingListener.start();
        System.out.println("port=" + target.getPort());
        AtomicLong connected = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        StringBuffer pattern = new StringBuffer();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        try (Socket socket = new Socket()) {
                            socket.setSoLinger(true, 0);
                            socket.connect(target);
                            connected.incrementAndGet();
                            pattern.append('.');
                        } catch (ConnectException refusal) {
                            refused.incrementAndGet();
                            pattern.append('X');
                        }
                        if (interval > 0) {
                            Thread.sleep(interval);
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        System.out.println("connected=" + connected + " refused=" + refused + (threads == 1 ? " pattern=" + pattern : ""));
    }
}
