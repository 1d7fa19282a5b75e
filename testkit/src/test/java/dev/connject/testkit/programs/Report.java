package dev.connject.testkit.programs;

import java.nio.file.Path;

/**
 * Reports how it was started: each argument, the system property {@code testkit.property}, the environment
 * variable {@code TESTKIT_ENV} and the working directory, a line each on standard output; then writes
 * {@code to stderr} on standard error and exits with the code given as first argument.
 */
public final class Report {

    private Report() {
    }

    public static void main(String[] args) {
        for (String arg : args) {
            System.out.println("arg=" + arg);
        }
        System.out.println("property=" + System.getProperty("testkit.property"));
        System.out.println("env=" + System.getenv("TESTKIT_ENV"));
        System.out.println("cwd=" + Path.of("").toAbsolutePath());
        System.err.println("to stderr");
        System.exit(Integer.parseInt(args[0]));
    }
}
