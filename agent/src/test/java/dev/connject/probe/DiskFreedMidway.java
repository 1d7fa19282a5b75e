package dev.connject.probe;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Connects to a loopback listener while the disk that holds the JSON Lines file is full, frees it
 * by deleting a filler file once connject has recorded those connects, connects again, and prints
 * connject's status once it has recorded everything: {@code status JSON}.
 *
 * <p>Usage: {@code DiskFreedMidway FILLER CONNECTS_WHILE_FULL CONNECTS_AFTER}.
 */
public final class DiskFreedMidway {

    private static final Pattern ATTEMPTS = Pattern.compile("\"attempts\":(\\d+)");
    private static final Pattern RESULT_COUNT = Pattern.compile("\"connected\":(\\d+)");
    private static final long PATIENCE_NANOS = 20_000_000_000L;

    private DiskFreedMidway() {
    }

    public static void main(String[] arguments) throws Exception {
        Path filler = Path.of(arguments[0]);
        int whileFull = Integer.parseInt(arguments[1]);
        int after = Integer.parseInt(arguments[2]);
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName agent = new ObjectName("dev.connject:type=Agent");
        try (ServerSocket listener = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (true) {
                    try {
                        listener.accept().close();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            connect(target, whileFull);
            recorded(server, agent, whileFull);
            Files.delete(filler);
            connect(target, after);
            System.out.println("status " + recorded(server, agent, whileFull + after));
        }
    }

    private static void connect(InetSocketAddress target, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            try (Socket socket = new Socket()) {
                socket.connect(target);
            }
        }
    }

    /** connject's status once it counts {@code attempts} attempts, every one recorded as connected. */
    private static String recorded(MBeanServer server, ObjectName agent, int attempts) throws Exception {
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (true) {
            String status = server.isRegistered(agent) ? (String) server.getAttribute(agent, "StatusJson") : "";
            if (count(ATTEMPTS, status) == attempts && count(RESULT_COUNT, status) == attempts
                    || System.nanoTime() > deadline) {
                return status;
            }
            Thread.sleep(10);
        }
    }

    private static long count(Pattern pattern, String status) {
        Matcher match = pattern.matcher(status);
        return match.find() ? Long.parseLong(match.group(1)) : -1;
    }
}
