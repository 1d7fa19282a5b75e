package dev.connject.examples.chaos;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * An HTTP client that retries refused connects, against a server of its own: the kind of code a
 * chaos test is for. With {@code examples/chaos/chaos.yaml}, connject refuses half of its
 * connects; it prints what each request went through and whether all of them got through.
 *
 * <p>Usage: {@code RetryingClient [REQUESTS [PORT]]}; the rules file names port 18080.
 */
public final class RetryingClient {

    private static final int MAX_ATTEMPTS = 8;
    private static final Duration BACKOFF = Duration.ofMillis(20);

    private RetryingClient() {
    }

    public static void main(String[] arguments) throws Exception {
        int requests = arguments.length > 0 ? Integer.parseInt(arguments[0]) : 20;
        int port = arguments.length > 1 ? Integer.parseInt(arguments[1]) : 18080;
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes());
            exchange.close();
        });
        server.start();
        int succeeded = 0;
        int refusals = 0;
        try {
            URI uri = URI.create("http://127.0.0.1:" + port + "/");
            for (int request = 1; request <= requests; request++) {
                // a new client each time, so that every request needs a connect of its own
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
                int attempt = 1;
                for (; attempt <= MAX_ATTEMPTS; attempt++) {
                    try {
                        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).build(),
                                HttpResponse.BodyHandlers.ofString());
                        System.out.printf("request %2d: HTTP %d after %d attempt(s)%n", request,
                                response.statusCode(), attempt);
                        succeeded++;
                        break;
                    } catch (ConnectException refused) {
                        refusals++;
                        System.out.printf("request %2d: attempt %d refused, retrying in %d ms%n", request, attempt,
                                BACKOFF.toMillis() * attempt);
                        Thread.sleep(BACKOFF.toMillis() * attempt);
                    } catch (IOException other) {
                        System.out.printf("request %2d: attempt %d failed: %s%n", request, attempt, other);
                    }
                }
                if (attempt > MAX_ATTEMPTS) {
                    System.out.printf("request %2d: gave up after %d attempts%n", request, MAX_ATTEMPTS);
                }
            }
        } finally {
            server.stop(0);
        }
        System.out.printf("%d of %d requests succeeded; %d connect attempts were refused on the way%n", succeeded,
                requests, refusals);
        System.exit(succeeded == requests ? 0 : 1);
    }
}
