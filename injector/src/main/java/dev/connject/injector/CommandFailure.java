package dev.connject.injector;

import java.util.ArrayList;
import java.util.List;

/**
 * Why a command could not do its work, worded for the person who ran it: one line of cause and
 * one of remedy, or the located problems of a rules file; and the exit status that goes with it.
 */
final class CommandFailure extends Exception {

    private static final long serialVersionUID = 1L;

    /** Marks the injector's own lines among whatever else a pipeline writes on standard error. */
    private static final String PREFIX = "connject: ";

    private final ExitStatus status;
    private final List<String> lines;

    private CommandFailure(ExitStatus status, List<String> lines) {
        super(String.join("\n", lines));
        this.status = status;
        this.lines = List.copyOf(lines);
    }

    /** The target JVM could not be reached or refused: exit status 1. */
    static CommandFailure unreachable(String cause, String remedy) {
        return new CommandFailure(ExitStatus.TARGET_UNREACHABLE, List.of(PREFIX + cause, PREFIX + remedy));
    }

    /** The command line or a file named on it is wrong: exit status 2. */
    static CommandFailure badInput(String cause, String remedy) {
        return new CommandFailure(ExitStatus.BAD_INPUT, List.of(PREFIX + cause, PREFIX + remedy));
    }

    /**
     * A rules file was refused: each problem as {@code FILE:LINE:COL: message}, which terminals
     * and editors link to the place, then what became of the rules. Exit status 2.
     */
    static CommandFailure invalidRules(List<String> problems, String consequence) {
        List<String> lines = new ArrayList<>(problems);
        lines.add(PREFIX + consequence);
        return new CommandFailure(ExitStatus.BAD_INPUT, lines);
    }

    ExitStatus status() {
        return status;
    }

    /** The lines to print on standard error, in order, as they are. */
    List<String> lines() {
        return lines;
    }
}
