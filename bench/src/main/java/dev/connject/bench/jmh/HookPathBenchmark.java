package dev.connject.bench.jmh;

import dev.connject.agent.attempt.AttemptSink;
import dev.connject.agent.attempt.AttemptTracker;
import dev.connject.agent.attempt.ConnectAttempt;
import dev.connject.agent.attempt.ConnectPolicy;
import dev.connject.agent.fault.FaultInjector;
import dev.connject.agent.hook.NativeCallLines;
import dev.connject.agent.record.Recorder;
import dev.connject.agent.rules.RulePolicy;
import dev.connject.agent.safety.InternalErrors;
import dev.connject.config.Recording;
import dev.connject.config.RulesLoader;
import java.io.FileDescriptor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import sun.nio.ch.ConnjectHooks;

/**
 * What connject adds to one connect, without the connect: the hooks of a Socket connect that
 * succeeds, driven as the JDK drives them, with the rules' decision and the hand-off to the
 * recorder; and, with a matching rule, the injection of a synchronous errno in place of connect(2).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HookPathBenchmark {

    private static final int PORT = 5432;

    /** {@code none}, {@code hundred-other-ports} (100 rules, none for this port) or {@code matching-errno}. */
    @Param({"none", "hundred-other-ports", "matching-errno"})
    public String rules;

    /**
     * Where events go: {@code none} (the recorder counts them, the default), {@code jsonl} (a JSON
     * Lines file, every caller read), {@code jsonl-failures} (the same with {@code record.caller:
     * failures}), {@code jsonl-sampled} (the same as {@code jsonl} with {@code record.sample: 0.01},
     * which leaves out 99% of successful connects, and their callers), {@code jfr} (no sink, a JFR
     * recording of {@code dev.connject.Connect} running with the event's default settings, which
     * read the callers of failures only), {@code jfr-all-callers} (the same with the event's
     * {@code caller} setting at {@code all}), or {@code discard}: no recorder at all, so that the
     * hooks and the rules' decision are measured alone and recording's share is the difference.
     */
    @Param({"none", "discard", "jsonl", "jsonl-failures", "jsonl-sampled", "jfr", "jfr-all-callers"})
    public String sink;

    private ServerSocketChannel server;
    private SocketChannel channel;
    private FileDescriptor fd;
    private InetAddress address;
    private InetSocketAddress remote;
    /** What the JDK's own getsockname(2) after the connect answers; the JDK pays for it with or without connject. */
    private InetSocketAddress local;
    private Recorder recorder;
    private AttemptTracker tracker;
    private jdk.jfr.Recording jfrRecording;
    /** The JSON Lines file or the JFR recording's file: gigabytes after a trial, so deleted after it. */
    private Path written;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        channel = SocketChannel.open(server.getLocalAddress());
        var field = channel.getClass().getDeclaredField("fd");
        field.setAccessible(true);
        fd = (FileDescriptor) field.get(channel);
        address = InetAddress.getLoopbackAddress();
        remote = new InetSocketAddress(address, PORT);
        local = (InetSocketAddress) channel.getLocalAddress();
        InternalErrors errors = new InternalErrors();
        Recording recording = Recording.defaults();
        Recording.Callers callers = sink.endsWith("-failures") ? Recording.Callers.FAILURES : Recording.Callers.ALL;
        if (sink.startsWith("jsonl")) {
            written = Files.createTempFile("connject-bench", ".jsonl");
            double sample = sink.equals("jsonl-sampled") ? 0.01 : 1.0;
            recording = new Recording(recording.log(), Optional.of(written), 0, 0, false, 0, callers, sample);
        } else if (sink.startsWith("jfr")) {
            recording = new Recording(recording.log(), Optional.empty(), 0, 0, true, 0, callers, 1.0);
            jfrRecording = new jdk.jfr.Recording();
            jdk.jfr.EventSettings event = jfrRecording.enable("dev.connject.Connect");
            if (sink.equals("jfr-all-callers")) {
                event.with("caller", "all");
            }
            jfrRecording.setToDisk(true);
            written = Files.createTempFile("connject-bench", ".jfr");
            jfrRecording.setDestination(written);
            jfrRecording.start();
        }
        recorder = new Recorder(recording, errors);
        if (jfrRecording != null) {
            recorder.followJfr();
        }
        tracker = new AttemptTracker(errors, ConnectPolicy.NONE, sink.equals("discard") ? new Discard() : recorder);
        FaultInjector injector = new FaultInjector(tracker, new NativeCallLines(), errors);
        tracker.policy(RulePolicy.compile(RulesLoader.parse(rulesText(), "bench"), injector));
    }

    private String rulesText() {
        StringBuilder text = new StringBuilder("version: 1\nrules:\n");
        if (rules.equals("hundred-other-ports")) {
            for (int i = 0; i < 100; i++) {
                text.append("  - name: other-").append(i).append("\n    match:\n      port: ").append(10_000 + i)
                        .append("\n    fault:\n      errno: ECONNREFUSED\n");
            }
        } else if (rules.equals("matching-errno")) {
            text.append("  - name: refuse\n    match:\n      port: ").append(PORT)
                    .append("\n    fault:\n      errno: ECONNREFUSED\n      delivery: sync\n");
        } else {
            text.append("  []\n");
        }
        return text.toString().replace("rules:\n  []", "rules: []");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        // a file sink cannot keep up with this loop, so the ring refuses events, and a refused event
        // costs less than a handed-off one: the share is printed beside the time
        System.out.printf("%nrecorder: %,d attempts, dropped %s%n", recorder.attempts(), recorder.dropped());
        recorder.close();
        if (jfrRecording != null) {
            jfrRecording.close();
        }
        if (written != null) {
            Files.deleteIfExists(written);
        }
        channel.close();
        server.close();
    }

    @Benchmark
    public int connect() {
        tracker.begin(ConnjectHooks.API_SOCKET, this, remote, 0);
        try {
            int answer = tracker.connect(StandardProtocolFamily.INET, fd, address, PORT);
            tracker.connectReturned(1);
            tracker.localAddressRead(fd, local);
            tracker.returned(ConnjectHooks.CONNECTED);
            return answer;
        } catch (IOException injected) {
            tracker.connectThrew(injected);
            tracker.threw(injected);
            return -1;
        }
    }

    /** Takes finished attempts and keeps nothing. */
    private static final class Discard implements AttemptSink {
        @Override
        public void finished(ConnectAttempt attempt) {
        }

        @Override
        public boolean sampleSuccess() {
            return false;
        }

        @Override
        public int callerFrames(boolean successWritten) {
            return 0;
        }

        @Override
        public int failureCallerFrames() {
            return 0;
        }

        @Override
        public boolean wantsLocalAddress() {
            return false;
        }
    }
}
