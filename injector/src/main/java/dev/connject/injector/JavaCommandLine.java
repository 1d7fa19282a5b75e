package dev.connject.injector;

import java.util.List;
import java.util.Set;

/**
 * A {@code java} launcher's command line, read back from {@code /proc/PID/cmdline}: the JVM's
 * options, and what it runs. Used where the JVM keeps no performance data to say so itself.
 */
final class JavaCommandLine {

    /** Launcher options whose value is the next argument. */
    private static final Set<String> OPTIONS_WITH_VALUE = Set.of("-cp", "-classpath", "--class-path", "-p",
            "--module-path", "--upgrade-module-path", "--add-modules", "--limit-modules", "--add-reads",
            "--add-exports", "--add-opens", "--patch-module", "--enable-native-access", "--source");

    private final List<String> jvmOptions;
    private final String main;

    private JavaCommandLine(List<String> jvmOptions, String main) {
        this.jvmOptions = jvmOptions;
        this.main = main;
    }

    /** Reads {@code commandLine}, the program first. */
    static JavaCommandLine parse(List<String> commandLine) {
        for (int i = 1; i < commandLine.size(); i++) {
            String argument = commandLine.get(i);
            if (argument.equals("-jar") || argument.equals("-m") || argument.equals("--module")) {
                String main = i + 1 < commandLine.size() ? commandLine.get(i + 1) : "";
                return new JavaCommandLine(commandLine.subList(1, i), main);
            }
            if (argument.startsWith("--module=")) {
                return new JavaCommandLine(commandLine.subList(1, i), argument.substring("--module=".length()));
            }
            if (OPTIONS_WITH_VALUE.contains(argument)) {
                i++;
            } else if (!argument.startsWith("-") && !argument.startsWith("@")) {
                return new JavaCommandLine(commandLine.subList(1, i), argument);
            }
        }
        return new JavaCommandLine(commandLine.isEmpty() ? List.of() : commandLine.subList(1, commandLine.size()), "");
    }

    /** The main class, jar, module or source file it runs; empty if there is none. */
    String main() {
        return main;
    }

    /** Whether {@code option} is among the options before the main class. */
    boolean hasJvmOption(String option) {
        return jvmOptions.contains(option);
    }
}
