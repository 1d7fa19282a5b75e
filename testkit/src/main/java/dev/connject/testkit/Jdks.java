package dev.connject.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JDKs that child JVMs can run on: every JDK 17 or later installed under {@code /usr/lib/jvm}, plus the one
 * running the tests.
 */
public final class Jdks {

    /** Where Debian's and Adoptium's packages install JDKs. */
    private static final Path INSTALLED_JDKS = Path.of("/usr/lib/jvm");

    /** The oldest feature release connject supports. */
    private static final int OLDEST_FEATURE = 17;

    /** The line of a JDK's {@code release} file that holds its version: {@code JAVA_VERSION="17.0.15"}. */
    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"([^\"]+)\"$");

    /** The line of {@code java -XshowSettings:properties} that holds the version: {@code java.version = 17.0.15}. */
    private static final Pattern PROPERTY_VERSION = Pattern.compile("(?m)^\\s*java\\.version = (\\S+)$");

    private Jdks() {
    }

    /**
     * The installed JDKs of feature release 17 or later, oldest first, each once however many symbolic links
     * lead to it. Found once, on the first call.
     */
    public static List<Jdk> installed() {
        return Installed.JDKS;
    }

    /** {@link #installed()} as a stream, for {@code @MethodSource("dev.connject.testkit.Jdks#forJUnit")}. */
    public static Stream<Jdk> forJUnit() {
        return installed().stream();
    }

    /** Holds the discovery result; the class initialization makes it run once, on first use. */
    private static final class Installed {
        static final List<Jdk> JDKS = discover();
    }

    private static List<Jdk> discover() {
        Set<Path> homes = new LinkedHashSet<>();
        homes.add(realPath(Path.of(System.getProperty("java.home"))));
        try (Stream<Path> entries = Files.list(INSTALLED_JDKS)) {
            entries.filter(home -> Files.isExecutable(home.resolve("bin").resolve("java")))
                    .map(Jdks::realPath)
                    .forEach(homes::add);
        } catch (NoSuchFileException noneInstalled) {
            // then the running JDK is the only one
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + INSTALLED_JDKS, e);
        }
        return homes.stream()
                .map(Jdks::describe)
                .flatMap(Optional::stream)
                .filter(jdk -> jdk.feature() >= OLDEST_FEATURE)
                .sorted(Comparator.comparing((Jdk jdk) -> Runtime.Version.parse(jdk.version()))
                        .thenComparing(Jdk::home))
                .toList();
    }

    /**
     * The JDK at {@code home}, its version read from the {@code release} file or, for a JDK without one, from
     * what its {@code java} reports. Empty for a JDK older than 9: its versions ({@code 1.8.0_412}) predate
     * {@link Runtime.Version}, and it is far older than any JDK connject supports anyway.
     */
    static Optional<Jdk> describe(Path home) {
        String version = releaseVersion(home).orElseGet(() -> reportedVersion(home));
        if (version.startsWith("1.")) {
            return Optional.empty();
        }
        return Optional.of(new Jdk(home, Runtime.Version.parse(version).feature(), version));
    }

    private static Optional<String> releaseVersion(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return Optional.empty();
        }
        try {
            Matcher version = RELEASE_VERSION.matcher(Files.readString(release));
            return version.find() ? Optional.of(version.group(1)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + release, e);
        }
    }

    private static String reportedVersion(Path home) {
        Path java = home.resolve("bin").resolve("java");
        CompletedCommand settings =
                CompletedCommand.run(List.of(java.toString(), "-XshowSettings:properties", "-version"));
        Matcher version = PROPERTY_VERSION.matcher(settings.output());
        if (!settings.succeeded() || !version.find()) {
            throw new IllegalStateException(java + " -XshowSettings:properties -version exited with "
                    + settings.exitCode() + " without reporting java.version:\n" + settings.output());
        }
        return version.group(1);
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve " + path, e);
        }
    }
}
