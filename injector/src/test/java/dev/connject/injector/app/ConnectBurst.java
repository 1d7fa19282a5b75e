package dev.connject.injector.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A target that makes a burst of connects at a steady rate, for the test that {@code watch} keeps
 * up: waits for a trigger file, then makes TOTAL connects to a loopback listener of its own,
 * spread over THREADS threads at RATE connects a second in all, and prints how many it made.
 *
 * <pre>
 * ready pid=4242
 * done connects=30000 failures=0 millis=3004
 * </pre>
 *
 * <p>Usage: {@code ConnectBurst THREADS TOTAL RATE TRIGGER_FILE}. It keeps running afterwards,
 * connecting nowhere, until killed.
 */
public final class ConnectBurst {

    private ConnectBurst() {
    }

    public static void main(String[] arguments) throws Exception {
        int threads = Integer.parseInt(arguments[0]);
        int total = Integer.parseInt(arguments[1]);
        int rate = Integer.parseInt(arguments[2]);
        Path trigger = Path.of(arguments[3]);
        ServerSocket server = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
        Acceptor.acceptAndClose(server);
        InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
        System.out.println("ready pid=" + ProcessHandle.current().pid());
        while (!Files.exists(trigger)) {
            Thread.sleep(10);
        }
        AtomicLong connects = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long periodNanos = TimeUnit.SECONDS.toNanos(threads) / rate;
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int worker = t;
            workers.add(new Thread(() -> {
                // each thread keeps its own schedule, offset from the others', so the rate stays even
                long next = start + worker * periodNanos / threads;
                for (int i = worker; i < total; i += threads) {
                    LockSupport.parkNanos(next - System.nanoTime());
                    next += periodNanos;
                    try (Socket socket = new Socket()) {
                        socket.setSoLinger(true, 0);
                        socket.connect(target);
                    } catch (IOException e) {
                        failures.incrementAndGet();
                    }
                    connects.incrementAndGet();
                }
            }, "burst-" + t));
        }
        workers.forEach(Thread::start);
        for (Thread worker : workers) {
            worker.join();
        }
        System.out.println("done connects=" + connects.get() + " failures=" + failures.get() + " millis="
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        Thread.sleep(Long.MAX_VALUE);
    }
}
