package dev.connject.injector;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The arguments of one command: positionals, switches such as {@code --json}, and options that
 * take a value, such as {@code --count N}. Anything else is a usage error that names the command's
 * usage.
 */
final class Arguments {

    private final Command command;
    private final List<String> positionals = new ArrayList<>();
    private final Set<String> switches = new HashSet<>();
    private final Map<String, String> values = new HashMap<>();

    private Arguments(Command command) {
        this.command = command;
    }

    /**
     * Parses {@code raw} for {@code command}, which takes exactly {@code positionals} positional
     * arguments, the switches {@code switchNames} and the options {@code optionNames}.
     */
    static Arguments parse(Command command, List<String> raw, int positionals, Set<String> switchNames,
                           Set<String> optionNames) throws CommandFailure {
        Arguments arguments = new Arguments(command);
        for (int i = 0; i < raw.size(); i++) {
            String argument = raw.get(i);
            if (switchNames.contains(argument)) {
                arguments.switches.add(argument);
            } else if (optionNames.contains(argument)) {
                if (i + 1 == raw.size()) {
                    throw arguments.usageError(argument + " needs a value");
                }
                arguments.values.put(argument, raw.get(++i));
            } else if (argument.startsWith("--") || (argument.startsWith("-") && argument.length() > 1)) {
                throw arguments.usageError("unknown option " + argument);
            } else {
                arguments.positionals.add(argument);
            }
        }
        if (arguments.positionals.size() < positionals) {
            throw arguments.usageError("missing arguments");
        }
        if (arguments.positionals.size() > positionals) {
            throw arguments.usageError("unexpected argument " + arguments.positionals.get(positionals));
        }
        return arguments;
    }

    /** The positional argument at {@code index} as a process id. */
    long pid(int index) throws CommandFailure {
        String text = positionals.get(index);
        try {
            long pid = Long.parseLong(text);
            if (pid > 0) {
                return pid;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, as any other bad pid
        }
        throw usageError("'" + text + "' is not a process id");
    }

    /** The positional argument at {@code index} as a file path. */
    Path file(int index) {
        return Path.of(positionals.get(index));
    }

    boolean has(String switchName) {
        return switches.contains(switchName);
    }

    Optional<String> value(String option) {
        return Optional.ofNullable(values.get(option));
    }

    /** The value of {@code option} as a positive count, if given. */
    Optional<Long> positiveCount(String option) throws CommandFailure {
        Optional<String> text = value(option);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            long count = Long.parseLong(text.get());
            if (count > 0) {
                return Optional.of(count);
            }
        } catch (NumberFormatException notANumber) {
            // reported below, as any other bad count
        }
        throw usageError(option + " " + text.get() + ": expected a positive number");
    }

    private CommandFailure usageError(String problem) {
        return CommandFailure.badInput(command.name() + ": " + problem,
                "usage: " + command.usage() + "  (" + Connject.INVOCATION + " " + command.name() + " --help)");
    }
}
