package dev.connject.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jdks finds the installed JDKs 17 and later, each once, and their versions. */
class JdksTest {

    private static final Path RUNNING_HOME = realPath(Path.of(System.getProperty("java.home")));

    @Test
    void findsEachJdkUnderUsrLibJvmOnceHoweverManyLinksLeadToIt() throws IOException {
        List<Path> homes = Jdks.installed().stream().map(Jdk::home).toList();
        List<Path> linkedHomes;
        try (Stream<Path> entries = Files.list(Path.of("/usr/lib/jvm"))) {
            linkedHomes = entries.filter(entry -> Files.isExecutable(entry.resolve("bin/java")))
                    .map(JdksTest::realPath)
                    .toList();
        }

        assertThat(homes).doesNotHaveDuplicates().containsAll(linkedHomes);
        assertThat(homes).allSatisfy(home -> assertThat(realPath(home)).isEqualTo(home));
    }

    @Test
    void includesTheJdkRunningTheTests() {
        assertThat(Jdks.installed()).extracting(Jdk::home).contains(RUNNING_HOME);
    }

    @Test
    void listsOnlyJdks17AndLaterOldestFirst() {
        assertThat(Jdks.installed()).isNotEmpty()
                .allSatisfy(jdk -> assertThat(jdk.feature()).isGreaterThanOrEqualTo(17))
                .isSortedAccordingTo(Comparator.comparing(jdk -> Runtime.Version.parse(jdk.version())));
        assertThat(Jdks.forJUnit()).containsExactlyElementsOf(Jdks.installed());
    }

    @Test
    void readsTheVersionFromTheReleaseFile() {
        assertThat(Jdks.describe(RUNNING_HOME)).contains(
                new Jdk(RUNNING_HOME, Runtime.version().feature(), System.getProperty("java.version")));
    }

    @Test
    void asksJavaForTheVersionOfAJdkWithoutReleaseFile(@TempDir Path home) throws IOException {
        Files.createDirectory(home.resolve("bin"));
        // the launcher finds its JDK through the link's target, so this is a JDK without a release file
        Path java = Files.createSymbolicLink(home.resolve("bin/java"), RUNNING_HOME.resolve("bin/java"));
        try {
            assertThat(Jdks.describe(home)).contains(
                    new Jdk(home, Runtime.version().feature(), System.getProperty("java.version")));
        } finally {
            // before @TempDir's cleanup, which warns about links that lead out of the directory
            Files.delete(java);
        }
    }

    @Test
    void namesItselfByVersionAndItsJavaLauncherByHome() {
        Jdk jdk = new Jdk(Path.of("/usr/lib/jvm/some-jdk"), 17, "17.0.15");

        assertThat(jdk).hasToString("JDK 17.0.15");
        assertThat(jdk.java()).isEqualTo(Path.of("/usr/lib/jvm/some-jdk/bin/java"));
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new AssertionError("cannot resolve " + path, e);
        }
    }
}
