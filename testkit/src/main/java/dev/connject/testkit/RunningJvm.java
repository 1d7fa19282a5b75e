package dev.connject.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A started child JVM, possibly inside wrappers: its standard output and error are captured from the start.
 * Closing it kills whatever of it is still running.
 */
public final class RunningJvm implements AutoCloseable {

    /** How long the JVM may take to appear below its wrappers: they start it at once, but on a busy machine. */
    private static final Duration JAVA_APPEARANCE = Duration.ofSeconds(5);

    /** How long to wait for a killed process tree to go and for the pipes to drain afterwards. */
    private static final Duration AFTERMATH = Duration.ofSeconds(5);

    private final Process process;
    private final List<String> command;
    private final Path java;
    private final CapturedOutput stdout;
    private final CapturedOutput stderr;
    private Long javaPid;

    RunningJvm(Process process, List<String> command, Path java) {
        this.process = process;
        this.command = command;
        this.java = java;
        this.stdout = CapturedOutput.of(process.getInputStream(), "stdout of " + process.pid());
        this.stderr = CapturedOutput.of(process.getErrorStream(), "stderr of " + process.pid());
    }

    /**
     * The process id of the JVM itself. Without wrappers, that of the started process; with them, that of the
     * descendant running the JDK's {@code java}, waiting a few seconds for the wrappers to start it.
     *
     * <p>Ask while the JVM runs: the process is identified by what it runs, and an exited one runs nothing.
     *
     * @throws AssertionError if no such process appears, with the outputs (a wrapper's complaint, usually)
     */
    public synchronized long pid() {
        if (javaPid == null) {
            javaPid = findJava();
        }
        return javaPid;
    }

    private long findJava() {
        Path realJava = realPath(java);
        Instant deadline = Instant.now().plus(JAVA_APPEARANCE);
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            Optional<ProcessHandle> jvm = Stream.concat(Stream.of(process.toHandle()), process.descendants())
                    .filter(handle -> runs(handle, realJava))
                    .findFirst();
            if (jvm.isPresent()) {
                return jvm.get().pid();
            }
            pause(Duration.ofMillis(10));
        }
        throw failure("no process running " + java + " below " + process.pid()
                + (process.isAlive() ? " after " + JAVA_APPEARANCE : ", which exited"));
    }

    /** Whether {@code handle} runs {@code executable}: the kernel reports it as a real path. */
    private static boolean runs(ProcessHandle handle, Path executable) {
        return handle.info().command().map(Path::of).filter(executable::equals).isPresent();
    }

    /**
     * Waits for the JVM, and its wrappers, to exit.
     *
     * @throws AssertionError if it is still running after {@code timeout}, with the outputs so far; the whole
     *     process tree is killed first
     */
    public ExitedJvm awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw failure("still running after " + timeout.toMillis() + " ms, killed");
            }
            awaitOutputEnd();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw failure("interrupted while waiting for the exit, killed");
        }
        return new ExitedJvm(process.exitValue(), stdout.text(), stderr.text(), command);
    }

    /** Standard output captured so far. */
    public String stdout() {
        return stdout.text();
    }

    /** Standard error captured so far. */
    public String stderr() {
        return stderr.text();
    }

    /**
     * The first line of standard output, from its start, that {@code matching} accepts, waiting for it.
     *
     * @throws AssertionError if the output ends, because the JVM exited, or {@code timeout} passes first
     */
    public String awaitStdoutLine(Predicate<String> matching, Duration timeout) {
        try {
            return stdout.awaitLine(matching, Instant.now().plus(timeout))
                    .orElseThrow(() -> failure("no matching line on stdout "
                            + (stdout.ended() ? "before it ended" : "within " + timeout.toMillis() + " ms")));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("interrupted while waiting for a line on stdout");
        }
    }

    /**
     * Kills the JVM and its wrappers, if still running, and waits briefly for them to go and for the last of
     * their output. Forcibly: a test's teardown must not depend on the child's cooperation.
     */
    @Override
    public void close() {
        // once the started process has exited, its descendants belong to init: none is left to find
        if (process.isAlive()) {
            destroyWithDescendants(process.toHandle());
        }
        try {
            process.waitFor(AFTERMATH.toMillis(), TimeUnit.MILLISECONDS);
            awaitOutputEnd();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the readers to take what the pipes still hold once the process has exited. */
    private void awaitOutputEnd() throws InterruptedException {
        stdout.awaitEnd(AFTERMATH);
        stderr.awaitEnd(AFTERMATH);
    }

    /**
     * Kills the deepest processes first: a parent killed first leaves its children to init, out of reach of
     * {@link ProcessHandle#children()}.
     */
    private static void destroyWithDescendants(ProcessHandle handle) {
        handle.children().forEach(RunningJvm::destroyWithDescendants);
        handle.destroyForcibly();
    }

    private AssertionError failure(String problem) {
        return new AssertionError(FailureMessage.of(problem, command, stdout.text(), stderr.text()));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking for the child JVM", e);
        }
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + path, e);
        }
    }
}
