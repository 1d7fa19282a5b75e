package dev.connject.injector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.connject.testkit.Jdk;
import dev.connject.testkit.Jdks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** A Java runtime of only some modules, linked with jlink from the jmods of the installed JDK 17. */
final class LinkedRuntime {

    private LinkedRuntime() {
    }

    /** Links {@code modules} into {@code output}, and returns the runtime's home; skips the test where no JDK 17 has jmods. */
    static Path link(String modules, Path output) throws IOException, InterruptedException {
        Optional<Jdk> withJmods = Jdks.installed().stream()
                .filter(jdk -> jdk.feature() == 17 && Files.isRegularFile(jdk.home().resolve("jmods/java.base.jmod")))
                .findFirst();
        assumeTrue(withJmods.isPresent(), "no JDK 17 with jmods is installed");
        Path home = withJmods.get().home();
        Path log = output.resolveSibling(output.getFileName() + "-jlink.log");
        Process jlink = new ProcessBuilder(home.resolve("bin/jlink").toString(), "--module-path",
                home.resolve("jmods").toString(), "--add-modules", modules, "--no-header-files", "--no-man-pages",
                "--output", output.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(jlink.waitFor()).as(Files.readString(log)).isZero();
        return output;
    }
}
