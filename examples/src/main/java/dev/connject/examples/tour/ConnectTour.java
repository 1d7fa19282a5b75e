package dev.connject.examples.tour;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.URL;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.time.Duration;

/**
 * An ordinary application that connects the ways applications do: HttpClient, HttpURLConnection,
 * Socket, SocketChannel, AsynchronousSocketChannel, DatagramChannel and a UNIX-domain socket,
 * against a server of its own and against ports where nothing answers. It prints what it saw;
 * run with connject, the agent prints what connect(2) answered each time.
 */
public final class ConnectTour {

    /** Ports the demo's rules fail on purpose: one refused, one that never answers. */
    static final int REFUSED_PORT = 8999;
    static final int BLACKHOLE_PORT = 8998;

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private ConnectTour() {
    }

    public static void main(String[] arguments) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 50);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes());
            exchange.close();
        });
        server.start();
        int port = server.getAddress().getPort();
        try {
            step("HttpClient GET", () -> {
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/")).build(),
                        HttpResponse.BodyHandlers.ofString());
                return "HTTP " + response.statusCode();
            });
            step("HttpURLConnection GET", () -> {
                HttpURLConnection connection = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/")
                        .openConnection();
                connection.setConnectTimeout(2000);
                return "HTTP " + connection.getResponseCode();
            });
            step("SocketChannel to the server", () -> {
                try (SocketChannel channel = SocketChannel.open(new InetSocketAddress(LOOPBACK, port))) {
                    return "connected from " + channel.getLocalAddress();
                }
            });
            step("AsynchronousSocketChannel to the server", () -> {
                try (AsynchronousSocketChannel channel = AsynchronousSocketChannel.open()) {
                    channel.connect(new InetSocketAddress(LOOPBACK, port)).get();
                    return "connected";
                }
            });
            step("DatagramChannel connect and disconnect", () -> {
                try (DatagramChannel channel = DatagramChannel.open()) {
                    channel.connect(new InetSocketAddress(LOOPBACK, 53));
                    channel.disconnect();
                    return "done";
                }
            });
            step("UNIX-domain socket nobody listens on", () -> {
                try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    channel.connect(UnixDomainSocketAddress.of(Files.createTempDirectory("tour").resolve("none.sock")));
                    return "connected";
                }
            });
            step("Socket to port " + REFUSED_PORT, () -> {
                try (Socket socket = new Socket(LOOPBACK, REFUSED_PORT)) {
                    return "connected";
                }
            });
            step("Socket to port " + BLACKHOLE_PORT + " with a 1 s timeout", () -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(LOOPBACK, BLACKHOLE_PORT), 1000);
                    return "connected";
                }
            });
        } finally {
            server.stop(0);
        }
    }

    private static void step(String what, Step step) {
        long start = System.nanoTime();
        String outcome;
        try {
            outcome = step.run();
        } catch (Exception failure) {
            Throwable cause = failure.getCause() != null && failure.getMessage() != null
                    && failure.getMessage().startsWith("java.") ? failure.getCause() : failure;
            outcome = cause.toString();
        }
        System.out.printf("%-42s %-62s %5d ms%n", what, outcome, (System.nanoTime() - start) / 1_000_000);
    }

    @FunctionalInterface
    private interface Step {
        String run() throws IOException, InterruptedException, java.util.concurrent.ExecutionException;
    }
}
