package dev.connject.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connject.testkit.ChildJvm;
import dev.connject.testkit.Events;
import dev.connject.testkit.ExitedJvm;
import dev.connject.testkit.Jdk;
import dev.connject.testkit.RulesFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Lines file changed under connject while the application connects: its disk full, then
 * freed; the file moved away, as {@code logrotate} does; the file deleted. The application connects
 * as if nothing happened, and every event is in a file, once, or counted as dropped.
 */
class JsonlFileChangesIT {

    private static final int BEFORE = 600;
    private static final int AFTER = 200;
    /**
     * Mounts a tmpfs of 1 MiB on the first argument and fills it, runs the command that follows the
     * second, then copies the JSON Lines file out to the second before the namespace goes.
     */
    private static final String FULL_DISK = "disk=$1; out=$2; shift 2"
            + " && mount -t tmpfs -o size=1m connject-test \"$disk\""
            + " && { cat /dev/zero > \"$disk/filler\" 2>/dev/null; df -k \"$disk\" | grep -q ' 100% '; }"
            + " && { \"$@\"; code=$?; cp \"$disk/events.jsonl\" \"$out\"; exit $code; }";
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void asRoot() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").start();
        assertThat(new String(id.getInputStream().readAllBytes()).trim())
                .as("mounting a tmpfs in a private mount namespace takes root").isEqualTo("0");
        assertThat(id.waitFor()).isZero();
    }

    /** The disk is a small tmpfs in a private mount namespace, filled up before the JVM starts. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void eventsTheFullDiskCouldNotTakeAreCountedAndTheFileGoesOnOnceItHasRoom(Jdk jdk, @TempDir Path directory)
            throws IOException {
        Path disk = Files.createDirectory(directory.resolve("disk"));
        Path file = disk.resolve("events.jsonl");
        Path copy = directory.resolve("events.jsonl");

        Run run = run(ChildJvm.on(jdk).wrappedBy(List.of("unshare", "-m", "--", "sh", "-c", FULL_DISK, "sh",
                disk.toString(), copy.toString())), directory, file, "free", disk.resolve("filler").toString());

        long dropped = run.dropped(file);
        List<Long> ids = ids(copy);
        int kept = ids.size() - AFTER;
        assertThat(dropped).as("events refused while the disk was full").isBetween(1L, (long) BEFORE);
        assertThat(ids.size() + dropped).as("events in the file and dropped").isEqualTo(BEFORE + AFTER);
        assertThat(ids.subList(0, kept)).as("the events connject's buffer held until the disk had room")
                .isEqualTo(range(1, kept));
        assertThat(ids.subList(kept, ids.size())).as("every event once the disk had room")
                .isEqualTo(range(BEFORE + 1, AFTER));
        assertThat(Files.readString(copy)).endsWith("\n");
        assertThat(run.jvm.stderrLines()).as("what connject says").filteredOn(line -> line.contains(file.toString()))
                .containsExactly("connject: warn: cannot write " + file + ": No space left on device; until it can,"
                                + " the events connject cannot hold for it are dropped and counted in status",
                        "connject: writing " + file + " again; " + dropped + " events could not be written,"
                                + " counted as dropped");
        assertThat(run.jvm.stderrLines()).as("what connject says").noneMatch(line -> line.contains("internal error"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void aFileMovedAwayKeepsItsEventsAndTheNextGoToANewFileOfItsName(Jdk jdk, @TempDir Path directory)
            throws IOException {
        Path file = directory.resolve("events.jsonl");
        Path moved = directory.resolve("events.jsonl.1");

        Run run = run(ChildJvm.on(jdk), directory, file, "move", file.toString(), moved.toString());

        assertThat(run.dropped(file)).isZero();
        assertThat(ids(moved)).isEqualTo(range(1, BEFORE));
        assertThat(ids(file)).isEqualTo(range(BEFORE + 1, AFTER));
        assertThat(run.jvm.stderrLines()).as("what connject says").noneMatch(line -> line.contains("internal error"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void aDeletedFileIsMadeAgainForTheEventsThatFollow(Jdk jdk, @TempDir Path directory) throws IOException {
        Path file = directory.resolve("events.jsonl");

        Run run = run(ChildJvm.on(jdk), directory, file, "delete", file.toString());

        assertThat(run.dropped(file)).isZero();
        assertThat(ids(file)).isEqualTo(range(BEFORE + 1, AFTER));
        assertThat(run.jvm.stderrLines()).as("what connject says").noneMatch(line -> line.contains("internal error"));
    }

    /** What a run left: the JVM, and connject's status once it had recorded every connect. */
    private record Run(ExitedJvm jvm, JsonNode status) {

        long dropped(Path file) {
            return status.path("dropped").path("jsonl " + file).asLong();
        }
    }

    private static Run run(ChildJvm jvm, Path directory, Path file, String... change) throws IOException {
        Path rules = RulesFile.write(directory.resolve("rules.yaml"),
                "version: 1\nrecord:\n  jsonl: " + file + "\n");
        List<String> arguments = new ArrayList<>(List.of(Integer.toString(BEFORE), Integer.toString(AFTER)));
        arguments.addAll(List.of(change));
        ExitedJvm exited = jvm.javaagent(Probe.AGENT, "rules=" + rules).classpath(Probe.CLASSES)
                .mainClass("dev.connject.probe.FileChangedMidway").args(arguments.toArray(String[]::new))
                .run(Duration.ofMinutes(2)).assertSucceeded();
        String status = exited.stdout().substring(exited.stdout().indexOf("status ") + "status ".length());
        Run run = new Run(exited, JSON.readTree(status));
        assertThat(run.status.path("attempts").asLong()).as(exited.toString()).isEqualTo(BEFORE + AFTER);
        return run;
    }

    private static List<Long> ids(Path jsonl) {
        return Events.read(jsonl).stream().map(event -> ((Number) event.get("id")).longValue()).toList();
    }

    private static List<Long> range(long first, int count) {
        return LongStream.range(first, first + count).boxed().toList();
    }
}
