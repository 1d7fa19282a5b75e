package dev.connject.injector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A JVM running on this machine, as far as it shows from outside, without attaching: what it
 * runs, its Java version, whether it takes attach requests, whether connject is loaded in it.
 *
 * @param process        the process
 * @param main           its main class, jar or module; empty if unknown
 * @param javaVersion    its {@code java.version}, such as {@code 17.0.15}, if known
 * @param attachDisabled whether it was started with {@code -XX:+DisableAttachMechanism}
 * @param connjectLoaded whether connject runs in it
 */
record LocalJvm(LinuxProcess process, String main, Optional<String> javaVersion, boolean attachDisabled,
                boolean connjectLoaded) {

    /**
     * The start of the name of the file connject keeps open, deleted, while it runs in a JVM: its
     * sign, readable from outside in {@code /proc/PID/fd}.
     */
    static final String LOADED_MARKER_PREFIX = "connject-agent-loaded-";

    static final String DISABLE_ATTACH = "-XX:+DisableAttachMechanism";

    /** Where the JDK's launcher of source-file programs is: {@code Main} up to 21, {@code SourceLauncher} since. */
    private static final String SOURCE_LAUNCHER = "jdk.compiler/com.sun.tools.javac.launcher.";

    /** Where a JVM takes options besides its command line. */
    private static final List<String> OPTION_VARIABLES = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS",
            "_JAVA_OPTIONS");

    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"([^\"]+)\"");

    /** The feature release in a version: the 17 of {@code 17.0.15}, the 8 of {@code 1.8.0_412}. */
    private static final Pattern FEATURE = Pattern.compile("^(?:1\\.)?(\\d+)");

    /** Whether {@code process} is a JVM: HotSpot, in whatever launcher, maps {@code libjvm.so}. */
    static boolean isJvm(LinuxProcess process) {
        return process.mapsLibrary("libjvm.so");
    }

    /** Every JVM that the user {@code uid} runs, except this one, by pid. */
    static List<LocalJvm> ofUser(int uid) {
        long self = ProcessHandle.current().pid();
        return LinuxProcess.all().stream()
                .filter(process -> process.pid() != self)
                .filter(process -> process.ownerUid().equals(Optional.of(uid)))
                .filter(LocalJvm::isJvm)
                .map(LocalJvm::inspect)
                .sorted(Comparator.comparingLong(jvm -> jvm.process().pid()))
                .toList();
    }

    /** What shows of the JVM {@code process} from outside. */
    static LocalJvm inspect(LinuxProcess process) {
        Optional<PerfData> perfData = PerfData.of(process);
        JavaCommandLine commandLine = JavaCommandLine.parse(process.commandLine());
        String main = perfData.flatMap(data -> data.string(PerfData.JAVA_COMMAND))
                .map(LocalJvm::mainOf)
                .filter(command -> !command.isEmpty())
                .orElse(commandLine.main());
        Optional<String> version = perfData.flatMap(data -> data.string(PerfData.JAVA_VERSION))
                .or(() -> releaseVersion(process));
        boolean attachDisabled = perfData.flatMap(data -> data.string(PerfData.CAPABILITIES))
                .map(capabilities -> capabilities.startsWith("0"))
                .orElseGet(() -> commandLine.hasJvmOption(DISABLE_ATTACH) || OPTION_VARIABLES.stream()
                        .anyMatch(variable -> process.environmentVariable(variable)
                                .filter(options -> options.contains(DISABLE_ATTACH)).isPresent()));
        return new LocalJvm(process, main, version, attachDisabled,
                process.hasOpenFileStartingWith(LOADED_MARKER_PREFIX));
    }

    /**
     * What a {@code sun.rt.javaCommand} runs: its main class, jar or module, or for a program launched from a
     * source file, that file rather than the JDK's launcher of such programs.
     */
    static String mainOf(String javaCommand) {
        String[] words = javaCommand.split(" ", 3);
        return words[0].startsWith(SOURCE_LAUNCHER) && words.length > 1 ? words[1] : words[0];
    }

    /** The feature release of {@link #javaVersion()}: 17 for {@code 17.0.15}, 8 for {@code 1.8.0_412}. */
    OptionalInt javaFeature() {
        if (javaVersion.isEmpty()) {
            return OptionalInt.empty();
        }
        return featureOf(javaVersion.get());
    }

    /** The feature release of a {@code java.version} or {@code java.specification.version}. */
    static OptionalInt featureOf(String version) {
        Matcher digits = FEATURE.matcher(version);
        return digits.find() ? OptionalInt.of(Integer.parseInt(digits.group(1))) : OptionalInt.empty();
    }

    /**
     * The version in the {@code release} file of the JDK whose launcher the process runs:
     * {@code JDK/bin/java}, or {@code JDK/jre/bin/java} for Java 8.
     */
    private static Optional<String> releaseVersion(LinuxProcess process) {
        Optional<Path> home = process.executable().map(Path::getParent).map(Path::getParent);
        List<Path> candidates = home.stream()
                .flatMap(jdk -> jdk.getParent() == null ? Stream.of(jdk)
                        : Stream.of(jdk, jdk.getParent()))
                .toList();
        for (Path candidate : candidates) {
            Path release = process.seenFromProcess(candidate.resolve("release").toString());
            if (Files.isRegularFile(release)) {
                try {
                    Matcher version = RELEASE_VERSION.matcher(Files.readString(release));
                    return version.find() ? Optional.of(version.group(1)) : Optional.empty();
                } catch (IOException unreadable) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
