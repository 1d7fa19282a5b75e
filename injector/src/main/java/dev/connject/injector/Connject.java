package dev.connject.injector;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The connject injector, {@code java -jar connject.jar <command> ...}: finds the JVMs of this
 * machine, attaches connject to them and steers it through its MBean. Results go to standard
 * output, errors to standard error; the exit status is 0 when the command did its work, 1 when
 * the target JVM could not be reached or refused, 2 for bad input.
 */
public final class Connject {

    /** How the user runs the injector, for usage lines and remedies. */
    static final String INVOCATION = "java -jar connject.jar";

    private static final List<Command> COMMANDS = List.of(new ListCommand(), new AttachCommand(),
            new ApplyCommand(), new ClearCommand(), new StatusCommand(), new WatchCommand(), new DetachCommand(),
            new ValidateCommand());

    private Connject() {
    }

    public static void main(String[] arguments) {
        Output output = Output.standard();
        int status = run(Arrays.asList(arguments), output);
        output.flush();
        // the JMX client leaves threads behind that would keep the JVM alive
        System.exit(status);
    }

    /** Runs the command that {@code arguments} name; returns the exit status. */
    static int run(List<String> arguments, Output output) {
        if (arguments.isEmpty()) {
            output.err().print(usage());
            return ExitStatus.BAD_INPUT.code();
        }
        String first = arguments.get(0);
        if (isHelp(first) || first.equals("help")) {
            output.out().print(usage());
            return ExitStatus.DONE.code();
        }
        if (first.equals("--version")) {
            output.out().println("connject " + version());
            return ExitStatus.DONE.code();
        }
        Optional<Command> command = COMMANDS.stream().filter(candidate -> candidate.name().equals(first)).findFirst();
        if (command.isEmpty()) {
            output.notice("unknown command '" + first + "'");
            output.notice("the commands are " + String.join(", ", COMMANDS.stream().map(Command::name).toList())
                    + "; " + INVOCATION + " --help describes them");
            return ExitStatus.BAD_INPUT.code();
        }
        List<String> rest = arguments.subList(1, arguments.size());
        if (rest.stream().anyMatch(Connject::isHelp)) {
            output.out().println("usage: " + command.get().usage());
            output.out().println();
            output.out().print(command.get().help());
            return ExitStatus.DONE.code();
        }
        try {
            command.get().run(rest, output);
            return ExitStatus.DONE.code();
        } catch (CommandFailure failure) {
            output.out().flush();
            failure.lines().forEach(output.err()::println);
            return failure.status().code();
        }
    }

    /** connject's version, as built. */
    static String version() {
        try (InputStream in = Connject.class.getResourceAsStream("version.txt")) {
            return in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException unreadable) {
            return "unknown";
        }
    }

    private static boolean isHelp(String argument) {
        return argument.equals("--help") || argument.equals("-h");
    }

    private static String usage() {
        StringBuilder usage = new StringBuilder();
        usage.append("usage: ").append(INVOCATION).append(" <command> [arguments]\n\n");
        usage.append("connject records every connect(2) a JVM makes and fails the ones its rules name,\n");
        usage.append("with the errno a real network would give. This tool attaches it to running JVMs\n");
        usage.append("and steers it.\n\ncommands:\n");
        for (Command command : COMMANDS) {
            usage.append(String.format("  %-34s %s%n", command.name() + " " + command.synopsis(), command.summary()));
        }
        usage.append("\n").append(INVOCATION).append(" <command> --help describes a command.\n\n");
        usage.append("""
                exit status: 0 done; 1 the target JVM could not be reached or refused (no such
                process, another user's, attach disabled...); 2 bad input (usage, invalid rules).

                From JDK 21 on, a JVM that connject attaches to prints "WARNING: A Java agent has
                been loaded dynamically ..." on its standard error. Start it with
                -XX:+EnableDynamicAgentLoading to allow attaching without the warning, or load
                connject at start-up with -javaagent instead.
                """);
        return usage.toString();
    }
}
