package dev.connject.testkit.programs;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Leaves connects unfinished, for the strace output of calls that a signal interrupts and of calls still
 * running at exit: closes a socket whose blocking connect is waiting, then exits while three more wait. The
 * connects must hang: run it in a namespace that drops SYNs to the port (argument) to capture
 * {@code async-close.strace}.
 */
public final class AsyncClose {

    private AsyncClose() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        InetSocketAddress target = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0]));
        Socket socket = new Socket();
        Thread connecting = new Thread(() -> connect(socket, target));
        connecting.start();
        Thread.sleep(500);
        socket.close();
        connecting.join();
        for (int i = 0; i < 3; i++) {
            new Thread(() -> connect(new Socket(), target)).start();
        }
        Thread.sleep(500);
        System.exit(0);
    }

    private static void connect(Socket socket, InetSocketAddress target) {
        try (socket) {
            socket.connect(target);
        } catch (IOException e) {
            System.out.println(e);
        }
    }
}
