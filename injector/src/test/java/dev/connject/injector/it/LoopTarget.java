package dev.connject.injector.it;

import dev.connject.injector.app.ConnectLoop;
import dev.connject.testkit.ChildJvm;
import dev.connject.testkit.RunningJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A running {@link ConnectLoop}, and what it says about its connects. */
final class LoopTarget implements AutoCloseable {

    /** The test classes, where {@link ConnectLoop} and the other targets are. */
    static final Path CLASSES = Path.of(System.getProperty("connject.test.classes"));

    private static final Duration START = Duration.ofSeconds(20);
    private static final Pattern ATTEMPT = Pattern.compile("^attempt (\\d+) (connected|refused|failed)(?: local=(\\S+))?.*");
    private static final Pattern COUNTS = Pattern.compile("connected=(\\d+) refused=(\\d+) failed=(\\d+)");

    private final RunningJvm jvm;
    private final int port;
    private final Path control;
    private int pauses;

    private LoopTarget(RunningJvm jvm, int port, Path control) {
        this.jvm = jvm;
        this.port = port;
        this.control = control;
    }

    /**
     * Starts {@code jvm}, set up with its JDK and agents, as a {@link ConnectLoop} connecting to
     * {@code port}, taking pause requests in {@code control}; returns once it is connecting.
     */
    static LoopTarget start(ChildJvm jvm, int port, Path control) {
        RunningJvm running = jvm.classpath(CLASSES).mainClass(ConnectLoop.class.getName())
                .args("--port", Integer.toString(port), "--control", control.toString())
                .start();
        running.awaitStdoutLine(line -> line.startsWith("ready"), START);
        return new LoopTarget(running, port, control);
    }

    long pid() {
        return jvm.pid();
    }

    /** {@code path} as the target sees it, in its own file system. */
    Path seenFromIt(Path path) {
        return Path.of("/proc", Long.toString(pid()), "root").resolve(path.toString().substring(1));
    }

    int port() {
        return port;
    }

    /** Every attempt it reported so far, in order. */
    List<Attempt> attempts() {
        return jvm.stdout().lines().map(ATTEMPT::matcher).filter(Matcher::matches)
                .map(match -> new Attempt(Integer.parseInt(match.group(1)), match.group(2), match.group(3)))
                .toList();
    }

    /** The number of the last attempt it reported, 0 before the first. */
    int lastAttempt() {
        List<Attempt> attempts = attempts();
        return attempts.isEmpty() ? 0 : attempts.get(attempts.size() - 1).number();
    }

    /** Waits for an attempt that {@code matching} accepts, and returns it. */
    Attempt awaitAttempt(Predicate<Attempt> matching, Duration timeout) {
        String line = jvm.awaitStdoutLine(text -> {
            Matcher match = ATTEMPT.matcher(text);
            return match.matches()
                    && matching.test(new Attempt(Integer.parseInt(match.group(1)), match.group(2), match.group(3)));
        }, timeout);
        Matcher match = ATTEMPT.matcher(line);
        match.matches();
        return new Attempt(Integer.parseInt(match.group(1)), match.group(2), match.group(3));
    }

    /** Makes it stop connecting, and returns its own counts at that point. */
    Counts pause() {
        try {
            Files.createFile(control.resolve("pause"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pauses++;
        String prefix = "paused " + pauses + " ";
        Matcher counts = COUNTS.matcher(jvm.awaitStdoutLine(line -> line.startsWith(prefix), START));
        counts.find();
        return new Counts(Integer.parseInt(counts.group(1)), Integer.parseInt(counts.group(2)),
                Integer.parseInt(counts.group(3)));
    }

    void resume() {
        try {
            Files.delete(control.resolve("pause"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String resumed = "resumed " + pauses;
        jvm.awaitStdoutLine(resumed::equals, START);
    }

    /** Standard error so far: connject's own messages in the target. */
    String stderr() {
        return jvm.stderr();
    }

    @Override
    public void close() {
        jvm.close();
    }

    /**
     * One connect attempt as the target reported it.
     *
     * @param outcome {@code connected}, {@code refused} or {@code failed}
     * @param local   the local address of a connected socket, {@code 127.0.0.1:53422}; null otherwise
     */
    record Attempt(int number, String outcome, String local) {
    }

    /** The target's own counts of its attempts by outcome. */
    record Counts(int connected, int refused, int failed) {
    }
}
