package dev.connject.injector.it;

import java.util.List;

/**
 * One run of the injector, finished.
 *
 * @param pid      the process id it ran as
 * @param exitCode its exit code
 * @param stdout   what it wrote on standard output
 * @param stderr   what it wrote on standard error
 * @param command  its command line
 */
record InjectorRun(long pid, int exitCode, String stdout, String stderr, List<String> command) {

    List<String> stdoutLines() {
        return stdout.lines().toList();
    }

    List<String> stderrLines() {
        return stderr.lines().toList();
    }

    /** Everything about the run, for assertion messages. */
    String describe() {
        return String.join(" ", command) + "\nexit code " + exitCode + "\n--- stdout ---\n" + stdout
                + "--- stderr ---\n" + stderr;
    }
}
