package dev.connject.testkit;

import java.util.List;
import java.util.Objects;

/**
 * A child JVM that has exited, with everything it wrote.
 *
 * @param exitCode the exit code of the started command: the JVM's own, also through strace and the namespace
 *     wrapper, which both exit with the code of what they run; 128 plus the signal number if it was killed
 * @param stdout everything written to standard output
 * @param stderr everything written to standard error
 * @param command the command line that started it, wrappers included
 */
public record ExitedJvm(int exitCode, String stdout, String stderr, List<String> command) {

    /** Copies the command, so the record stays immutable. */
    public ExitedJvm {
        Objects.requireNonNull(stdout, "stdout");
        Objects.requireNonNull(stderr, "stderr");
        command = List.copyOf(command);
    }

    /** Standard output as lines, without line terminators. */
    public List<String> stdoutLines() {
        return stdout.lines().toList();
    }

    /** Standard error as lines, without line terminators. */
    public List<String> stderrLines() {
        return stderr.lines().toList();
    }

    /**
     * This, if the JVM exited with 0.
     *
     * @throws AssertionError otherwise, showing the command, the exit code and both outputs
     */
    public ExitedJvm assertSucceeded() {
        if (exitCode != 0) {
            throw new AssertionError(FailureMessage.of("exited with " + exitCode, command, stdout, stderr));
        }
        return this;
    }
}
