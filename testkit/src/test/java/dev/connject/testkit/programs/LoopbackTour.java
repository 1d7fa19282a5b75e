package dev.connject.testkit.programs;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes the connects whose strace output the parser must read, one after the other, and prints the ports it
 * used: to a listening port, blocking and with a timeout; to a closed port, with a timeout and blocking, on
 * 127.0.0.1 and on ::1; a UDP connect and disconnect; and an AF_UNIX connect. Run under strace to capture
 * {@code loopback-tour*.strace}.
 */
public final class LoopbackTour {

    private LoopbackTour() {
    }

    public static void main(String[] args) throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (ServerSocket server = new ServerSocket(0, 50, loopback)) {
            int listening = server.getLocalPort();
            int closed;
            try (ServerSocket gone = new ServerSocket(0, 1, loopback)) {
                closed = gone.getLocalPort();
            }
            System.out.println("listening=" + listening + " closed=" + closed);
            connect(new InetSocketAddress(loopback, listening), 0);
            connect(new InetSocketAddress(loopback, listening), 1000);
            connect(new InetSocketAddress(loopback, closed), 1000);
            connect(new InetSocketAddress(loopback, closed), 0);
            connect(new InetSocketAddress("::1", closed), 1000);
            try (DatagramSocket datagrams = new DatagramSocket()) {
                datagrams.connect(new InetSocketAddress(loopback, closed));
                datagrams.disconnect();
            }
            Path socketFile = Files.createTempFile("loopback-tour", ".socket");
            Files.delete(socketFile);
            try (ServerSocketChannel unixServer = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                unixServer.bind(UnixDomainSocketAddress.of(socketFile));
                SocketChannel.open(UnixDomainSocketAddress.of(socketFile)).close();
            } finally {
                Files.deleteIfExists(socketFile);
            }
        }
    }

    private static void connect(InetSocketAddress target, int timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(target, timeout);
        } catch (IOException expected) {
            System.out.println(target + " timeout " + timeout + ": " + expected);
        }
    }
}
