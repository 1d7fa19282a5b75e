package dev.connject.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A child JVM to start: its JDK, agents, class path, main class and arguments, and the commands that wrap it,
 * such as {@link Netns#prefix(List)} and {@link Strace#prefix(Path, String...)}.
 *
 * <p>A builder: each method adds to the settings and returns this instance; {@link #start()} or
 * {@link #run(Duration)} launch the JVM.
 *
 * <pre>{@code
 * ExitedJvm exited = ChildJvm.on(jdk)
 *         .javaagent(agentJar, "rules=" + rules)
 *         .classpath(classes)
 *         .mainClass("example.Client")
 *         .wrappedBy(Netns.prefix(List.of(Netns.drop(port))))
 *         .wrappedBy(Strace.prefix(straceLog))
 *         .run(Duration.ofSeconds(30))
 *         .assertSucceeded();
 * }</pre>
 */
public final class ChildJvm {

    private final Jdk jdk;
    private final List<List<String>> wrappers = new ArrayList<>();
    private final List<String> agents = new ArrayList<>();
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<Path> classpath = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private String mainClass;
    private Path workingDirectory;

    private ChildJvm(Jdk jdk) {
        this.jdk = Objects.requireNonNull(jdk, "jdk");
    }

    /** A child JVM running on {@code jdk}. */
    public static ChildJvm on(Jdk jdk) {
        return new ChildJvm(jdk);
    }

    /**
     * Adds {@code -javaagent:agentJar[=options]}; agents load in the order they are added.
     *
     * @param options the agent's options, or null for none
     */
    public ChildJvm javaagent(Path agentJar, String options) {
        agents.add("-javaagent:" + agentJar + (options == null ? "" : "=" + options));
        return this;
    }

    /** Appends entries to the class path. */
    public ChildJvm classpath(Path... entries) {
        return classpath(List.of(entries));
    }

    /** Appends entries to the class path. */
    public ChildJvm classpath(List<Path> entries) {
        classpath.addAll(entries);
        return this;
    }

    /** Sets the class whose {@code main} runs. */
    public ChildJvm mainClass(String name) {
        mainClass = Objects.requireNonNull(name, "name");
        return this;
    }

    /** Appends arguments of the main class. */
    public ChildJvm args(String... arguments) {
        args.addAll(List.of(arguments));
        return this;
    }

    /** Appends options of the JVM; they come after the agents and system properties, so they can override them. */
    public ChildJvm jvmArgs(String... options) {
        jvmArgs.addAll(List.of(options));
        return this;
    }

    /** Sets {@code -Dkey=value}. */
    public ChildJvm systemProperty(String key, String value) {
        systemProperties.put(key, value);
        return this;
    }

    /** Sets an environment variable, on top of the environment of the tests. */
    public ChildJvm env(String key, String value) {
        environment.put(key, value);
        return this;
    }

    /** Sets the working directory; by default, that of the tests. */
    public ChildJvm workingDirectory(Path directory) {
        workingDirectory = directory;
        return this;
    }

    /**
     * Runs the JVM through {@code prefix}, a command that takes the rest of the command line as the command to
     * run. The first call is the outermost: {@code wrappedBy(netns).wrappedBy(strace)} runs strace inside the
     * namespace, tracing the JVM.
     */
    public ChildJvm wrappedBy(List<String> prefix) {
        wrappers.add(List.copyOf(prefix));
        return this;
    }

    /** The complete command line, wrappers included. */
    public List<String> command() {
        if (mainClass == null) {
            throw new IllegalStateException("no main class for the child JVM on " + jdk);
        }
        List<String> command = new ArrayList<>();
        wrappers.forEach(command::addAll);
        command.add(jdk.java().toString());
        command.addAll(agents);
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(jvmArgs);
        if (!classpath.isEmpty()) {
            command.add("-cp");
            command.add(classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        }
        command.add(mainClass);
        command.addAll(args);
        return List.copyOf(command);
    }

    /**
     * Starts the JVM, with no input: a child that reads standard input gets its end at once instead of waiting
     * forever.
     */
    public RunningJvm start() {
        List<String> command = command();
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(environment);
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        try {
            return new RunningJvm(builder.start(), command, jdk.java());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /**
     * Starts the JVM and waits for it to exit.
     *
     * @throws AssertionError if it is still running after {@code timeout}; it is killed then
     */
    public ExitedJvm run(Duration timeout) {
        return start().awaitExit(timeout);
    }
}
