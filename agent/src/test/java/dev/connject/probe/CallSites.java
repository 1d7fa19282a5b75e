package dev.connject.probe;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;

/**
 * Connects again and again from two overloads whose first connects sit at the same bytecode index
 * on different lines, and from a second line in one of them, from a shallow stack and then from
 * one 100 frames deep, where connject walks the stack rather than read a backtrace, and prints,
 * before each connect, the caller connject should record for it:
 * {@code expect class.method(File.java:line)}.
 */
public final class CallSites {

    private static final StackWalker WALKER = StackWalker.getInstance();

    public static void main(String[] arguments) throws Exception {
        // the kernel completes the 18 connects into the backlog; none needs accepting
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
            connectBelow(0, target);
            connectBelow(100, target);
        }
    }

    private static void connectBelow(int frames, InetSocketAddress target) throws IOException {
        if (frames > 0) {
            connectBelow(frames - 1, target);
            return;
        }
        for (int i = 0; i < 3; i++) {
            open(target);
            open((SocketAddress) target);
        }
    }

    private static void open(InetSocketAddress target) throws IOException {
        try (Socket socket = new Socket()) {
            expect(); socket.connect(target);
        }
    }

    private static void open(SocketAddress target) throws IOException {
        try (Socket socket = new Socket()) {
            expect(); socket.connect(target);
        }
        try (Socket socket = new Socket()) {
            expect(); socket.connect(target);
        }
    }

    /** Prints the frame that called this method, as connject writes a caller: on the line of the connect. */
    private static void expect() {
        StackWalker.StackFrame caller = WALKER.walk(frames -> frames.skip(1).findFirst().orElseThrow());
        System.out.println("expect " + caller.getClassName() + '.' + caller.getMethodName() + '('
                + caller.getFileName() + ':' + caller.getLineNumber() + ')');
    }
}
