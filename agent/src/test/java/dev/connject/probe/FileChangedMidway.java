package dev.connject.probe;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Connects to a loopback listener, changes a file once connject has recorded those connects,
 * connects again, and prints connject's status once it has recorded everything:
 * {@code status JSON}. The change is one of:
 * <ul>
 * <li>{@code free FILLER}: deletes a file that fills the disk the JSON Lines file is on;</li>
 * <li>{@code move FILE TARGET}: moves the JSON Lines file away once it holds every line so far, as
 *     {@code logrotate} does;</li>
 * <li>{@code delete FILE}: deletes the JSON Lines file once it holds every line so far.</li>
 * </ul>
 *
 * <p>Usage: {@code FileChangedMidway CONNECTS_BEFORE CONNECTS_AFTER CHANGE PATH [TARGET]}.
 */
public final class FileChangedMidway {

    private static final Pattern ATTEMPTS = Pattern.compile("\"attempts\":(\\d+)");
    private static final Pattern RESULT_COUNT = Pattern.compile("\"connected\":(\\d+)");
    private static final long PATIENCE_NANOS = 20_000_000_000L;

    private FileChangedMidway() {
    }

    public static void main(String[] arguments) throws Exception {
        int before = Integer.parseInt(arguments[0]);
        int after = Integer.parseInt(arguments[1]);
        String change = arguments[2];
        Path path = Path.of(arguments[3]);
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName agent = new ObjectName("dev.connject:type=Agent");
        InetSocketAddress target = ClosingListener.start();
        connect(target, before);
        recorded(server, agent, before);
        switch (change) {
            case "free" -> Files.delete(path);
            case "move" -> Files.move(written(path, before), Path.of(arguments[4]));
            case "delete" -> Files.delete(written(path, before));
            default -> throw new IllegalArgumentException("no such change: " + change);
        }
        connect(target, after);
        System.out.println("status " + recorded(server, agent, before + after));
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

    /** {@code file} once it holds {@code lines} lines. */
    private static Path written(Path file, int lines) throws Exception {
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (Files.notExists(file) || Files.readAllLines(file).size() < lines) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(file + " holds fewer than " + lines + " lines");
            }
            Thread.sleep(10);
        }
        return file;
    }

    private static long count(Pattern pattern, String status) {
        Matcher match = pattern.matcher(status);
        return match.find() ? Long.parseLong(match.group(1)) : -1;
    }
}
