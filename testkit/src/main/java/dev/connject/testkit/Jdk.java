package dev.connject.testkit;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An installed JDK that a child JVM can run on.
 *
 * @param home the JDK's home directory, as a real path: the same JDK reached through symbolic links is one JDK
 * @param feature the feature release, 17 for {@code 17.0.15}
 * @param version the full version, {@code 17.0.15}
 */
public record Jdk(Path home, int feature, String version) {

    /** Checks that every component is present. */
    public Jdk {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(version, "version");
    }

    /** The {@code java} launcher of this JDK. */
    public Path java() {
        return home.resolve("bin").resolve("java");
    }

    /** {@code JDK 17.0.15}: short enough for a parameterized test's display name. */
    @Override
    public String toString() {
        return "JDK " + version;
    }
}
