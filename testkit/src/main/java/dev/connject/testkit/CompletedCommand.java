package dev.connject.testkit;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A short command run to its end to probe the machine (is strace usable, what version is this JDK): its exit
 * code and its standard output and error, merged.
 *
 * @param exitCode the exit code, or {@value #NOT_STARTED} when the program could not be started at all
 * @param output what the command wrote to standard output and error
 */
record CompletedCommand(int exitCode, String output) {

    /** What a shell reports for a command it cannot find; here for any program that could not be started. */
    private static final int NOT_STARTED = 127;

    /** Probes finish in well under a second; a probe that takes this long is stuck. */
    private static final Duration LIMIT = Duration.ofSeconds(30);

    /** Runs {@code command} to its end, without input. */
    static CompletedCommand run(List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException notStarted) {
            return new CompletedCommand(NOT_STARTED, String.valueOf(notStarted.getMessage()));
        }
        try {
            CapturedOutput output = CapturedOutput.of(process.getInputStream(), "probe " + command.get(0));
            if (!process.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within " + LIMIT
                        + "; its output so far:\n" + output.text());
            }
            output.awaitEnd(LIMIT);
            return new CompletedCommand(process.exitValue(), output.text());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** Whether the command exited with 0. */
    boolean succeeded() {
        return exitCode == 0;
    }
}
