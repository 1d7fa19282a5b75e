package dev.connject.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The loopback connect loop in blocks, on request, for {@link TakingTurns}: reads a count of
 * connects from standard input, makes them, prints {@code block_ns=N}, the mean in nanoseconds,
 * and waits for the next count; ends with its input.
 */
public final class ConnectOnRequest {

    private ConnectOnRequest() {
    }

    public static void main(String[] arguments) throws Exception {
        LoopbackTarget target = LoopbackTarget.start();
        BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        for (String request = requests.readLine(); request != null; request = requests.readLine()) {
            int count = Integer.parseInt(request.trim());
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                target.connectAndClose();
            }
            System.out.println("block_ns=" + (System.nanoTime() - start) / count);
        }
    }
}
