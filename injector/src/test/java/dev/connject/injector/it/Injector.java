package dev.connject.injector.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The injector as a user runs it, {@code java -jar connject.jar ...}, in a process of its own:
 * on the JDK running the tests unless told otherwise, possibly as another user.
 */
final class Injector {

    /** The jar the build made, as the failsafe configuration names it. */
    static final Path JAR = Path.of(System.getProperty("connject.injector.jar"));

    private static final Duration LIMIT = Duration.ofSeconds(60);

    private final List<String> launcher;

    private Injector(List<String> launcher) {
        this.launcher = List.copyOf(launcher);
    }

    /** Runs on the JDK that runs the tests. */
    static Injector onTestJdk() {
        return on(Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    /** Runs on {@code java}. */
    static Injector on(Path java) {
        return new Injector(List.of(java.toString()));
    }

    /** The same, run as the user and group {@code id}, without supplementary groups. */
    Injector asUser(int id) {
        List<String> prefixed = new ArrayList<>(List.of("setpriv", "--reuid=" + id, "--regid=" + id, "--clear-groups"));
        prefixed.addAll(launcher);
        return new Injector(prefixed);
    }

    /** The same, with {@code directory} as its {@code XDG_CACHE_HOME}, where it writes the agent jar for its own JVMs. */
    Injector caching(Path directory) {
        List<String> prefixed = new ArrayList<>(List.of("env", "XDG_CACHE_HOME=" + directory));
        prefixed.addAll(launcher);
        return new Injector(prefixed);
    }

    /** Runs the injector with {@code arguments} to its end. */
    InjectorRun run(String... arguments) {
        return start(arguments).awaitExit(LIMIT);
    }

    /** Starts the injector with {@code arguments}; its outputs go to files, which nothing needs to drain. */
    Started start(String... arguments) {
        List<String> command = new ArrayList<>(launcher);
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(List.of(arguments));
        try {
            Path stdout = Files.createTempFile("injector-", ".out");
            Path stderr = Files.createTempFile("injector-", ".err");
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            return new Started(process, command, stdout, stderr);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** A run of the injector still going, such as a watch. */
    static final class Started {

        private final Process process;
        private final List<String> command;
        private final Path stdout;
        private final Path stderr;

        private Started(Process process, List<String> command, Path stdout, Path stderr) {
            this.process = process;
            this.command = command;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        /** Waits for a line on standard error that contains {@code text}. */
        void awaitStderr(String text, Duration timeout) {
            Instant deadline = Instant.now().plus(timeout);
            while (!read(stderr).contains(text)) {
                if (Instant.now().isAfter(deadline) || !process.isAlive()) {
                    throw new AssertionError("no '" + text + "' on standard error of " + describe());
                }
                sleep(Duration.ofMillis(20));
            }
        }

        /** Whether it exits within {@code timeout}. */
        boolean exitsWithin(Duration timeout) {
            try {
                return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        /** Stops it, as a terminal's Ctrl-Z would, for {@code duration}: its JMX client fetches nothing meanwhile. */
        void suspendFor(Duration duration) {
            signal("-STOP");
            sleep(duration);
            signal("-CONT");
        }

        private void signal(String signal) {
            try {
                int exit = new ProcessBuilder("kill", signal, Long.toString(process.pid())).start().waitFor();
                if (exit != 0) {
                    throw new IllegalStateException("kill " + signal + " " + process.pid() + " exited with " + exit);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        /** Ends it as Ctrl-C would, with SIGTERM rather than SIGINT but to the same shutdown. */
        InjectorRun interrupt() {
            process.destroy();
            return awaitExit(LIMIT);
        }

        /** Kills it, with SIGKILL: it has no chance to say anything to the target. */
        InjectorRun kill() {
            process.destroyForcibly();
            return awaitExit(LIMIT);
        }

        InjectorRun awaitExit(Duration timeout) {
            if (!exitsWithin(timeout)) {
                process.destroyForcibly();
                throw new AssertionError("still running after " + timeout + ", killed: " + describe());
            }
            InjectorRun run = new InjectorRun(process.pid(), process.exitValue(), read(stdout), read(stderr), command);
            try {
                Files.delete(stdout);
                Files.delete(stderr);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return run;
        }

        private String describe() {
            return String.join(" ", command) + "\n--- stdout ---\n" + read(stdout) + "--- stderr ---\n" + read(stderr);
        }

        private static String read(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
