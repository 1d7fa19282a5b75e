package dev.connject.probe;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.URL;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A small application that connects once through each JDK connect path and prints, as one JSON
 * line per path, exactly what it saw: the outcome, the exception and its cause chain, the top
 * of its stack, and the socket's state afterwards. The integration tests compare these lines
 * with what connject recorded, with what strace saw, and with a real failing network.
 *
 * <p>Usage: {@code ConnectProbe [--listen] [--parallel] TIMEOUT_MS PATH=TARGET...}, where TARGET is
 * a port on 127.0.0.1 (0 with {@code --listen}: a fresh one) or, for {@code unix}, a socket path.
 * With {@code --listen} the probe first listens on each target itself (answering HTTP for the
 * HTTP paths). Paths: {@value #PATHS}.
 */
public final class ConnectProbe {

    static final String PATHS = "socket socket-timeout channel-open channel-blocking channel-nonblocking channel-adaptor "
            + "async-future async-handler datagram-channel datagram-socket unix http-url-connection http-client "
            + "virtual-socket virtual-channel";

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    public static void main(String[] arguments) throws Exception {
        boolean listen = false;
        boolean parallel = false;
        int i = 0;
        for (; arguments[i].startsWith("--"); i++) {
            listen |= arguments[i].equals("--listen");
            parallel |= arguments[i].equals("--parallel");
        }
        int timeout = Integer.parseInt(arguments[i++]);
        List<Thread> threads = new ArrayList<>();
        for (; i < arguments.length; i++) {
            String[] pathAndTarget = arguments[i].split("=", 2);
            String path = pathAndTarget[0];
            String target = listen ? listenOn(path, pathAndTarget[1]) : pathAndTarget[1];
            Runnable probe = () -> System.out.println(probe(path, target, timeout));
            if (parallel) {
                Thread thread = new Thread(probe, "probe-" + path);
                thread.start();
                threads.add(thread);
            } else {
                probe.run();
            }
        }
        for (Thread thread : threads) {
            thread.join();
        }
        System.out.flush();
        System.exit(0);
    }

    /** Listens on the target for the path and returns the target actually listened on. */
    private static String listenOn(String path, String target) throws IOException {
        if (path.equals("unix")) {
            Files.deleteIfExists(Path.of(target));
            ServerSocketChannel unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            unix.bind(UnixDomainSocketAddress.of(target));
            daemon(() -> accept(unix));
            return target;
        }
        if (path.startsWith("datagram")) {
            return Integer.toString(new DatagramSocket(new InetSocketAddress(LOOPBACK, Integer.parseInt(target))).getLocalPort());
        }
        if (path.startsWith("http")) {
            HttpServer server = HttpServer.create(new InetSocketAddress(LOOPBACK, Integer.parseInt(target)), 50);
            server.createContext("/", exchange -> {
                exchange.sendResponseHeaders(200, 2);
                exchange.getResponseBody().write("ok".getBytes());
                exchange.close();
            });
            server.start();
            return Integer.toString(server.getAddress().getPort());
        }
        ServerSocket server = new ServerSocket(Integer.parseInt(target), 50, LOOPBACK);
        daemon(() -> {
            while (true) {
                try {
                    server.accept();
                } catch (IOException closed) {
                    return;
                }
            }
        });
        return Integer.toString(server.getLocalPort());
    }

    private static void accept(ServerSocketChannel server) {
        while (true) {
            try {
                server.accept();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        thread.start();
    }

    private static String probe(String path, String target, int timeout) {
        Observation seen = new Observation(path, target);
        long start = System.nanoTime();
        try {
            connect(path, target, timeout, seen);
        } catch (Throwable thrown) {
            seen.thrown = thrown;
        }
        seen.elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        return seen.toJson();
    }

    private static InetSocketAddress address(String target) {
        return new InetSocketAddress(LOOPBACK, Integer.parseInt(target));
    }

    private static void connect(String path, String target, int timeout, Observation seen) throws Throwable {
        switch (path) {
            case "socket": {
                Socket socket = null;
                try {
                    socket = new Socket(LOOPBACK, Integer.parseInt(target));
                } finally {
                    seen.socket(socket);
                }
                break;
            }
            case "socket-timeout":
            case "virtual-socket": {
                Socket socket = new Socket();
                try {
                    if (path.startsWith("virtual")) {
                        onVirtualThread(() -> socket.connect(address(target), timeout));
                    } else {
                        socket.connect(address(target), timeout);
                    }
                } finally {
                    seen.socket(socket);
                }
                break;
            }
            case "channel-open": {
                SocketChannel channel = null;
                try {
                    channel = SocketChannel.open(address(target));
                } finally {
                    seen.channel(channel);
                }
                break;
            }
            case "channel-blocking":
            case "virtual-channel": {
                SocketChannel channel = SocketChannel.open();
                try {
                    if (path.startsWith("virtual")) {
                        onVirtualThread(() -> channel.connect(address(target)));
                    } else {
                        channel.connect(address(target));
                    }
                } finally {
                    seen.channel(channel);
                }
                break;
            }
            case "channel-nonblocking": {
                SocketChannel channel = SocketChannel.open();
                try (Selector selector = Selector.open()) {
                    channel.configureBlocking(false);
                    if (!channel.connect(address(target))) {
                        channel.register(selector, SelectionKey.OP_CONNECT);
                        if (selector.select(timeout) == 0) {
                            seen.abandoned = true;
                            seen.note = "no OP_CONNECT within the timeout";
                            channel.close();
                        } else {
                            channel.finishConnect();
                        }
                    }
                } finally {
                    seen.channel(channel);
                }
                break;
            }
            case "channel-adaptor": {
                SocketChannel channel = SocketChannel.open();
                try {
                    channel.socket().connect(address(target), timeout);
                } finally {
                    seen.channel(channel);
                }
                break;
            }
            case "async-future": {
                AsynchronousSocketChannel channel = AsynchronousSocketChannel.open();
                try {
                    channel.connect(address(target)).get();
                } catch (ExecutionException failed) {
                    throw failed.getCause();
                } finally {
                    seen.async(channel);
                }
                break;
            }
            case "async-handler": {
                AsynchronousSocketChannel channel = AsynchronousSocketChannel.open();
                CompletableFuture<Void> done = new CompletableFuture<>();
                channel.connect(address(target), null, new CompletionHandler<Void, Void>() {
                    @Override
                    public void completed(Void result, Void attachment) {
                        done.complete(null);
                    }

                    @Override
                    public void failed(Throwable failure, Void attachment) {
                        done.completeExceptionally(failure);
                    }
                });
                try {
                    done.get();
                } catch (ExecutionException failed) {
                    throw failed.getCause();
                } finally {
                    seen.async(channel);
                }
                break;
            }
            case "datagram-channel": {
                DatagramChannel channel = DatagramChannel.open();
                try {
                    channel.connect(address(target));
                    seen.connectedThen = channel.getLocalAddress();
                    channel.disconnect();
                } finally {
                    seen.datagram(channel.isOpen(), channel.isConnected());
                    channel.close();
                }
                break;
            }
            case "datagram-socket": {
                DatagramSocket socket = new DatagramSocket();
                try {
                    socket.connect(address(target));
                    seen.connectedThen = socket.getLocalSocketAddress();
                    socket.disconnect();
                } finally {
                    seen.datagram(!socket.isClosed(), socket.isConnected());
                    socket.close();
                }
                break;
            }
            case "unix": {
                SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                try {
                    channel.connect(UnixDomainSocketAddress.of(target));
                } finally {
                    seen.channel(channel);
                }
                break;
            }
            case "http-url-connection": {
                HttpURLConnection connection = (HttpURLConnection) new URL("http://127.0.0.1:" + target + "/")
                        .openConnection();
                connection.setConnectTimeout(timeout);
                connection.connect();
                seen.note = "HTTP " + connection.getResponseCode();
                connection.disconnect();
                break;
            }
            case "http-client": {
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(timeout)).build();
                try {
                    HttpResponse<String> response = client.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target + "/")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    seen.note = "HTTP " + response.statusCode();
                } finally {
                    seen.note = seen.note == null ? "client" : seen.note;
                }
                break;
            }
            default:
                throw new IllegalArgumentException("unknown path " + path + "; paths: " + PATHS);
        }
    }

    /**
     * Runs {@code action} on a virtual thread, rethrowing what it threw. Reflective, because the
     * probe is compiled for Java 17 and virtual threads came in Java 21.
     */
    private static void onVirtualThread(ThrowingAction action) throws Throwable {
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        Throwable[] thrown = new Throwable[1];
        Runnable task = () -> {
            try {
                action.run();
            } catch (Throwable t) {
                thrown[0] = t;
            }
        };
        Thread thread = (Thread) Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class)
                .invoke(builder, task);
        thread.join(TimeUnit.SECONDS.toMillis(60));
        if (thread.isAlive()) {
            throw new IllegalStateException("virtual thread did not finish");
        }
        if (thrown[0] != null) {
            throw thrown[0];
        }
    }

    private interface ThrowingAction {
        void run() throws Throwable;
    }

    /** What the probe saw for one path. */
    private static final class Observation {
        final String path;
        final String target;
        Throwable thrown;
        boolean abandoned;
        long elapsedMillis;
        String note;
        String local;
        Boolean closed;
        Boolean open;
        Boolean connected;
        SocketAddress connectedThen;

        Observation(String path, String target) {
            this.path = path;
            this.target = target;
        }

        void socket(Socket socket) {
            if (socket != null) {
                closed = socket.isClosed();
                connected = socket.isConnected();
                local = socket.isConnected() ? String.valueOf(socket.getLocalSocketAddress()) : null;
                close(socket);
            }
        }

        void channel(SocketChannel channel) throws IOException {
            if (channel != null) {
                open = channel.isOpen();
                connected = channel.isConnected();
                local = channel.isConnected() ? String.valueOf(channel.getLocalAddress()) : null;
                channel.close();
            }
        }

        void async(AsynchronousSocketChannel channel) throws IOException {
            open = channel.isOpen();
            local = channel.isOpen() ? String.valueOf(channel.getLocalAddress()) : null;
            channel.close();
        }

        void datagram(boolean isOpen, boolean isConnected) {
            open = isOpen;
            connected = isConnected;
            local = connectedThen == null ? null : String.valueOf(connectedThen);
        }

        private static void close(Socket socket) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // the probe reports the state before closing
            }
        }

        String toJson() {
            StringBuilder json = new StringBuilder("{");
            field(json, "path", path);
            field(json, "target", target);
            field(json, "outcome", thrown != null ? "thrown" : abandoned ? "abandoned" : "connected");
            json.append("\"chain\":[");
            for (Throwable t = thrown; t != null; t = t.getCause()) {
                json.append(t == thrown ? "" : ",").append('{');
                field(json, "class", t.getClass().getName());
                json.append("\"message\":").append(quote(t.getMessage())).append('}');
            }
            json.append("],\"stack\":[");
            if (thrown != null) {
                StackTraceElement[] trace = thrown.getStackTrace();
                for (int i = 0; i < Math.min(4, trace.length); i++) {
                    json.append(i == 0 ? "" : ",").append(quote(trace[i].getClassName() + "." + trace[i].getMethodName()
                            + (trace[i].isNativeMethod() ? "(Native Method)" : "")));
                }
            }
            json.append("],");
            json.append("\"closed\":").append(closed).append(',');
            json.append("\"open\":").append(open).append(',');
            json.append("\"connected\":").append(connected).append(',');
            field(json, "local", local);
            field(json, "note", note);
            json.append("\"elapsed_ms\":").append(elapsedMillis).append('}');
            return json.toString();
        }

        private static void field(StringBuilder json, String name, String value) {
            json.append('"').append(name).append("\":").append(quote(value)).append(',');
        }

        private static String quote(String value) {
            if (value == null) {
                return "null";
            }
            return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
        }
    }
}
