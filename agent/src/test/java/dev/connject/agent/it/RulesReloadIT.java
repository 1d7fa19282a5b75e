package dev.connject.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connject.testkit.ChildJvm;
import dev.connject.testkit.ExitedJvm;
import dev.connject.testkit.Jdk;
import dev.connject.testkit.Jdks;
import dev.connject.testkit.RulesFile;
import dev.connject.testkit.RunningJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules file is reloaded within two seconds when it is written in place, replaced by an atomic
 * rename, or swapped behind a directory symlink as Kubernetes does a ConfigMap volume; a bad
 * version is refused with its located problems and the previous rules stay in force; a file others
 * may write is refused.
 */
class RulesReloadIT {

    private static final Duration RELOAD = Duration.ofSeconds(2);
    private static final String NONE = "version: 1\nrules: []\n";
    private static final String REFUSE = "version: 1\nrules:\n  - name: refuse\n    match:\n      protocol: tcp\n"
            + "    fault:\n      errno: ECONNREFUSED\n";

    private final Jdk jdk = Jdks.installed().get(0);

    @Test
    void aFileWrittenInPlaceIsReloaded(@TempDir Path directory) throws Exception {
        Path rules = RulesFile.write(directory.resolve("rules.yaml"), NONE);
        try (RunningJvm jvm = start(rules)) {
            RulesFile.write(rules, REFUSE);
            awaitReloads(jvm, 1);
            RulesFile.write(rules, NONE);
            awaitReloads(jvm, 2);
        }
    }

    @Test
    void aFileReplacedByAnAtomicRenameIsReloaded(@TempDir Path directory) throws Exception {
        Path rules = RulesFile.write(directory.resolve("rules.yaml"), NONE);
        try (RunningJvm jvm = start(rules)) {
            Path next = RulesFile.write(directory.resolve("rules.yaml.next"), REFUSE);
            Files.move(next, rules, StandardCopyOption.ATOMIC_MOVE);
            awaitReloads(jvm, 1);
        }
    }

    @Test
    void aConfigMapStyleSymlinkSwapIsReloaded(@TempDir Path directory) throws Exception {
        // what the kubelet makes: rules.yaml -> ..data/rules.yaml, ..data -> ..<timestamp>, swapped by a rename
        Files.createDirectory(directory.resolve("..2026_11_25_1"));
        RulesFile.write(directory.resolve("..2026_11_25_1/rules.yaml"), NONE);
        Files.createSymbolicLink(directory.resolve("..data"), Path.of("..2026_11_25_1"));
        Path rules = Files.createSymbolicLink(directory.resolve("rules.yaml"), Path.of("..data/rules.yaml"));
        try (RunningJvm jvm = start(rules)) {
            Files.createDirectory(directory.resolve("..2026_11_25_2"));
            RulesFile.write(directory.resolve("..2026_11_25_2/rules.yaml"), REFUSE);
            Path swap = Files.createSymbolicLink(directory.resolve("..data_tmp"), Path.of("..2026_11_25_2"));
            Files.move(swap, directory.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
            awaitReloads(jvm, 1);
        }
    }

    @Test
    void aBadVersionIsRefusedAndThePreviousRulesStay(@TempDir Path directory) throws Exception {
        Path rules = RulesFile.write(directory.resolve("rules.yaml"), REFUSE);
        try (RunningJvm jvm = start(rules)) {
            RulesFile.write(rules, "version: 1\nrules:\n  - name: broken\n    fault:\n      errno: ECONNREFUZED\n");
            awaitText(jvm, "the previous rules stay in force");
            assertThat(jvm.stderr()).contains(rules + ":5:14: unknown errno 'ECONNREFUZED'");
            ExitedJvm exited = jvm.awaitExit(Duration.ofSeconds(60));
            assertThat(exited.stdoutLines().get(1)).startsWith("connected=0 ");
        }
    }

    @Test
    void aFileOthersMayWriteIsRefused(@TempDir Path directory) throws Exception {
        Path rules = RulesFile.write(directory.resolve("rules.yaml"), REFUSE);
        Files.setPosixFilePermissions(rules, PosixFilePermissions.fromString("rw-rw-r--"));
        ExitedJvm jvm = ChildJvm.on(jdk).javaagent(Probe.AGENT, "rules=" + rules).classpath(Probe.CLASSES)
                .mainClass("dev.connject.probe.RuleLoad").args("1", "3", "0").run(Duration.ofSeconds(60))
                .assertSucceeded();

        assertThat(jvm.stderr()).contains("writable by group or others").contains("chmod go-w");
        assertThat(jvm.stdoutLines().get(1)).isEqualTo("connected=3 refused=0 pattern=...");
    }

    private RunningJvm start(Path rules) {
        RunningJvm jvm = ChildJvm.on(jdk).javaagent(Probe.AGENT, "rules=" + rules).classpath(Probe.CLASSES)
                .mainClass("dev.connject.probe.RuleLoad").args("1", "100", "50").start();
        jvm.awaitStdoutLine(line -> line.startsWith("port="), Duration.ofSeconds(30));
        return jvm;
    }

    /** Waits until the agent has said {@code count} times that it reloaded the rules, no longer than {@link #RELOAD}. */
    private static void awaitReloads(RunningJvm jvm, int count) throws InterruptedException {
        long deadline = System.nanoTime() + RELOAD.toNanos();
        while (count(jvm.stderr(), "rules reloaded") < count) {
            assertThat(System.nanoTime()).as("reloaded within " + RELOAD + "; stderr:\n" + jvm.stderr())
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static void awaitText(RunningJvm jvm, String text) throws InterruptedException {
        long deadline = System.nanoTime() + RELOAD.toNanos();
        while (!jvm.stderr().contains(text)) {
            assertThat(System.nanoTime()).as("'" + text + "' within " + RELOAD + "; stderr:\n" + jvm.stderr())
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static int count(String text, String phrase) {
        Matcher matcher = Pattern.compile(Pattern.quote(phrase)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
