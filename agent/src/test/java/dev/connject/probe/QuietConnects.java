package dev.connject.probe;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Connects to a loopback listener a few times and prints nothing: what connject adds to its output is all there is. */
public final class QuietConnects {

    public static void main(String[] arguments) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 3; i++) {
                try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                    server.accept().close();
                }
            }
        }
    }
}
