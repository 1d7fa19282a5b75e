package dev.connject.testkit.programs;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Connects to a host and port once per timeout given, all at the same time, each on its own thread, and prints
 * a line per attempt as it ends: {@code timeout=1000 millis=1003 outcome=java.net.SocketTimeoutException:
 * Connect timed out}. Arguments: host, port, timeouts in milliseconds (0: none).
 */
public final class ConnectAttempts {

    private ConnectAttempts() {
    }

    public static void main(String[] args) throws InterruptedException {
        InetSocketAddress target = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        List<Thread> attempts = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            int timeout = Integer.parseInt(args[i]);
            attempts.add(new Thread(() -> System.out.println(attempt(target, timeout)), "attempt-" + timeout));
        }
        attempts.forEach(Thread::start);
        for (Thread attempt : attempts) {
            attempt.join();
        }
    }

    private static String attempt(InetSocketAddress target, int timeout) {
        long start = System.nanoTime();
        String outcome;
        try (Socket socket = new Socket()) {
            socket.connect(target, timeout);
            outcome = "connected";
        } catch (Exception e) {
            outcome = e.getClass().getName() + ": " + e.getMessage();
        }
        return "timeout=" + timeout + " millis=" + (System.nanoTime() - start) / 1_000_000 + " outcome=" + outcome;
    }
}
