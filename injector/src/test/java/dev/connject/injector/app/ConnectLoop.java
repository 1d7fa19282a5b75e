package dev.connject.injector.app;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The injector tests' target application: connects to a listener of its own on the loopback
 * every 50 ms and prints one line per attempt with its outcome, counting them itself, so that
 * what connject reports can be compared with what the application experienced.
 *
 * <pre>
 * ready pid=4242 port=40123
 * attempt 1 connected local=127.0.0.1:53422
 * attempt 2 refused java.net.ConnectException: Connection refused
 * paused 1 connected=1 refused=1 failed=0
 * resumed 1
 * </pre>
 *
 * <p>Usage: {@code ConnectLoop --port PORT [--control DIR]}: while the file {@code DIR/pause}
 * exists it stops connecting, after printing its counts. {@code ConnectLoop --idle} only prints
 * its pid and waits, connecting nowhere.
 */
public final class ConnectLoop {

    private static final long INTERVAL_MILLIS = 50;

    private int connected;
    private int refused;
    private int failed;

    private ConnectLoop() {
    }

    public static void main(String[] arguments) throws Exception {
        long pid = ProcessHandle.current().pid();
        if (arguments.length > 0 && arguments[0].equals("--idle")) {
            System.out.println("ready pid=" + pid);
            Thread.sleep(Long.MAX_VALUE);
        }
        int port = Integer.parseInt(valueOf(arguments, "--port"));
        String control = valueOf(arguments, "--control");
        // loads the channel classes connject hooks, so that the class-bytes checks cover them too
        SocketChannel.open().close();
        ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        Acceptor.acceptAndClose(server);
        System.out.println("ready pid=" + pid + " port=" + port);
        new ConnectLoop().run(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                control == null ? null : Path.of(control).resolve("pause"));
    }

    private void run(InetSocketAddress target, Path pauseFile) throws InterruptedException {
        int pauses = 0;
        for (int attempt = 1; ; attempt++) {
            if (pauseFile != null && Files.exists(pauseFile)) {
                pauses++;
                System.out.println("paused " + pauses + " connected=" + connected + " refused=" + refused
                        + " failed=" + failed);
                while (Files.exists(pauseFile)) {
                    Thread.sleep(10);
                }
                System.out.println("resumed " + pauses);
            }
            System.out.println("attempt " + attempt + " " + connect(target));
            Thread.sleep(INTERVAL_MILLIS);
        }
    }

    private String connect(InetSocketAddress target) {
        try (Socket socket = new Socket()) {
            // a reset instead of a FIN: thousands of attempts leave no sockets in TIME_WAIT
            socket.setSoLinger(true, 0);
            socket.connect(target, 1000);
            connected++;
            return "connected local=" + socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
        } catch (ConnectException refusal) {
            refused++;
            return "refused " + refusal;
        } catch (IOException other) {
            failed++;
            return "failed " + other;
        }
    }

    private static String valueOf(String[] arguments, String option) {
        for (int i = 0; i + 1 < arguments.length; i++) {
            if (arguments[i].equals(option)) {
                return arguments[i + 1];
            }
        }
        return null;
    }
}
