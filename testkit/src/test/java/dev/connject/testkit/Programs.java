package dev.connject.testkit;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The small programs of {@code dev.connject.testkit.programs}, ready to run as child JVMs. */
final class Programs {

    private Programs() {
    }

    /** {@code program} on the oldest installed JDK. */
    static ChildJvm child(Class<?> program) {
        return child(Jdks.installed().get(0), program);
    }

    /** {@code program} on {@code jdk}. */
    static ChildJvm child(Jdk jdk, Class<?> program) {
        return ChildJvm.on(jdk).classpath(classes(program)).mainClass(program.getName());
    }

    private static Path classes(Class<?> program) {
        try {
            return Path.of(program.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("no class path entry for " + program, e);
        }
    }
}
