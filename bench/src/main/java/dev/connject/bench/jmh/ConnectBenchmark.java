package dev.connject.bench.jmh;

import dev.connject.bench.LoopbackTarget;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Whole connects through {@code java.net.Socket} in a JVM running the agent: a real loopback
 * connect and close, against a connect that a rule fails with a synchronous ECONNREFUSED. The
 * fork's agent options name port {@value #INJECTED_PORT}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ConnectBenchmark {

    static final int INJECTED_PORT = 9;

    private LoopbackTarget target;
    private InetSocketAddress injected;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        target = LoopbackTarget.start();
        injected = new InetSocketAddress(InetAddress.getLoopbackAddress(), INJECTED_PORT);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        target.close();
    }

    @Benchmark
    public void realLoopbackConnect() throws IOException {
        target.connectAndClose();
    }

    @Benchmark
    public boolean injectedRefusal() throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(injected);
            return true;
        } catch (ConnectException refused) {
            return false;
        }
    }
}
