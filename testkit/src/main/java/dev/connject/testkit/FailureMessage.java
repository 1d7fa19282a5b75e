package dev.connject.testkit;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The message of an assertion about a child process: what went wrong, its command line and both outputs. */
final class FailureMessage {

    /** Arguments made of these characters read the same to a shell without quotes. */
    private static final Pattern PLAIN_ARGUMENT = Pattern.compile("[A-Za-z0-9_./=:,+@%-]+");

    private FailureMessage() {
    }

    /**
     * {@code problem}, then the command line quoted so that it can be pasted into a shell to rerun it, then the
     * outputs.
     */
    static String of(String problem, List<String> command, String stdout, String stderr) {
        return problem + ": " + command.stream().map(FailureMessage::shellQuoted).collect(Collectors.joining(" "))
                + "\n--- stdout ---\n" + stdout
                + "\n--- stderr ---\n" + stderr;
    }

    private static String shellQuoted(String argument) {
        if (PLAIN_ARGUMENT.matcher(argument).matches()) {
            return argument;
        }
        return "'" + argument.replace("'", "'\\''") + "'";
    }
}
