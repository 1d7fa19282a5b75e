package dev.connject.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.connject.testkit.programs.Lingering;
import dev.connject.testkit.programs.Report;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RunningJvm follows a started JVM: finds its process inside wrappers, waits for its output, and kills its
 * whole process tree on timeout or close.
 */
class RunningJvmTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void awaitStdoutLineReturnsTheFirstMatchingLineOnceWritten() {
        try (RunningJvm running = Programs.child(Lingering.class).start()) {
            assertThat(running.awaitStdoutLine(line -> line.startsWith("child=") || line.equals("ready"), TIMEOUT))
                    .startsWith("child=");
            assertThat(running.awaitStdoutLine("ready"::equals, TIMEOUT)).isEqualTo("ready");
            assertThat(running.stdout()).endsWith("ready\n");
        }
    }

    @Test
    void awaitStdoutLineFailsWithTheOutputsWhenTheJvmExitsFirst() {
        try (RunningJvm running = Programs.child(Report.class).args("0").start()) {
            assertThatThrownBy(() -> running.awaitStdoutLine("never"::equals, TIMEOUT))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("no matching line on stdout before it ended")
                    .hasMessageContaining("arg=0")
                    .hasMessageContaining("to stderr");
        }
    }

    @Test
    void pidOfAnUnwrappedJvmIsThatOfItsProcess() {
        try (RunningJvm running = Programs.child(Lingering.class).start()) {
            assertThat(running.awaitStdoutLine(line -> line.startsWith("pid="), TIMEOUT))
                    .isEqualTo("pid=" + running.pid());
        }
    }

    @Test
    void pidIsThatOfTheJvmInsideANamespaceAndStrace(@TempDir Path directory) {
        ChildJvm child = Programs.child(Lingering.class)
                .wrappedBy(Netns.prefix(List.of()))
                .wrappedBy(Strace.prefix(directory.resolve("strace.out")));
        try (RunningJvm running = child.start()) {
            assertThat(running.awaitStdoutLine(line -> line.startsWith("pid="), TIMEOUT))
                    .isEqualTo("pid=" + running.pid());
        }
    }

    @Test
    void awaitExitKillsTheWholeTreeWhenTheTimeoutPassesAndFailsWithTheOutputs() throws InterruptedException {
        try (RunningJvm running = Programs.child(Lingering.class).start()) {
            long child = Long.parseLong(running.awaitStdoutLine(line -> line.startsWith("child="), TIMEOUT)
                    .substring("child=".length()));
            long jvm = running.pid();

            assertThatThrownBy(() -> running.awaitExit(Duration.ofMillis(100)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("still running after 100 ms, killed: ")
                    .hasMessageContaining("child=" + child);
            assertGone(List.of(jvm, child));
        }
    }

    @Test
    void closeKillsTheJvmItsChildrenAndItsWrappers(@TempDir Path directory) throws InterruptedException {
        ChildJvm child = Programs.child(Lingering.class)
                .wrappedBy(Netns.prefix(List.of()))
                .wrappedBy(Strace.prefix(directory.resolve("strace.out")));
        List<Long> tree;
        try (RunningJvm running = child.start()) {
            running.awaitStdoutLine("ready"::equals, TIMEOUT);
            ProcessHandle jvm = ProcessHandle.of(running.pid()).orElseThrow();
            // unshare and sh exec what they run: strace is what remains of the wrappers
            ProcessHandle strace = jvm.parent().orElseThrow();
            assertThat(strace.parent()).contains(ProcessHandle.current());
            tree = Stream.concat(Stream.of(strace, jvm), jvm.descendants()).map(ProcessHandle::pid).toList();
            assertThat(tree).hasSize(3);
        }
        assertGone(tree);
    }

    /** Waits a little for the processes to go: a kill takes effect asynchronously. */
    private static void assertGone(List<Long> pids) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(5);
        while (pids.stream().anyMatch(RunningJvmTest::running) && Instant.now().isBefore(deadline)) {
            Thread.sleep(10);
        }
        assertThat(pids).noneMatch(RunningJvmTest::running);
    }

    /**
     * Whether {@code pid} still runs. Not {@link ProcessHandle#isAlive()}: that counts zombies, and a killed
     * grandchild stays one until whoever inherited it reaps it.
     */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (NoSuchFileException gone) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
