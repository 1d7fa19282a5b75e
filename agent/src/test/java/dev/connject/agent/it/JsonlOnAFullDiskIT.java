package dev.connject.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connject.testkit.ChildJvm;
import dev.connject.testkit.Events;
import dev.connject.testkit.ExitedJvm;
import dev.connject.testkit.Jdk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Lines file on a disk that is full, then freed: the application connects as if nothing
 * happened, the file goes on once there is room, and every event is either in it, once, or counted
 * as dropped. The disk is a small tmpfs in a private mount namespace, filled up before the JVM
 * starts.
 */
class JsonlOnAFullDiskIT {

    private static final int WHILE_FULL = 600;
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void eventsTheDiskCouldNotTakeAreCountedAndTheFileGoesOnOnceItHasRoom(Jdk jdk, @TempDir Path directory)
            throws IOException {
        Path disk = Files.createDirectory(directory.resolve("disk"));
        Path copy = directory.resolve("events.jsonl");
        Path rules = directory.resolve("rules.yaml");
        Files.writeString(rules, "version: 1\nrecord:\n  jsonl: " + disk.resolve("events.jsonl") + "\n");
        Files.setPosixFilePermissions(rules, PosixFilePermissions.fromString("rw-------"));

        ExitedJvm jvm = ChildJvm.on(jdk).javaagent(Probe.AGENT, "rules=" + rules).classpath(Probe.CLASSES)
                .mainClass("dev.connject.probe.DiskFreedMidway")
                .args(disk.resolve("filler").toString(), Integer.toString(WHILE_FULL), Integer.toString(AFTER))
                .wrappedBy(List.of("unshare", "-m", "--", "sh", "-c", FULL_DISK, "sh", disk.toString(), copy.toString()))
                .run(Duration.ofMinutes(2)).assertSucceeded();

        JsonNode status = JSON.readTree(jvm.stdout().substring(jvm.stdout().indexOf("status ") + "status ".length()));
        long dropped = status.path("dropped").path("jsonl " + disk.resolve("events.jsonl")).asLong();
        List<Map<String, Object>> recorded = Events.read(copy);
        List<Long> ids = recorded.stream().map(event -> ((Number) event.get("id")).longValue()).toList();
        assertThat(status.path("attempts").asLong()).as(jvm.toString()).isEqualTo(WHILE_FULL + AFTER);
        assertThat(dropped).as("events refused while the disk was full").isBetween(1L, (long) WHILE_FULL);
        assertThat(recorded.size() + dropped).as("events in the file and dropped").isEqualTo(WHILE_FULL + AFTER);
        int kept = ids.size() - AFTER;
        assertThat(ids.subList(0, kept)).as("the events connject's buffer held until the disk had room")
                .isEqualTo(range(1, kept));
        assertThat(ids.subList(kept, ids.size())).as("every event once the disk had room")
                .isEqualTo(range(WHILE_FULL + 1, AFTER));
        assertThat(Files.readString(copy)).endsWith("\n");
        assertThat(jvm.stderrLines()).as("what connject says").filteredOn(line -> line.contains("internal error"))
                .singleElement().asString().contains("in jsonl").contains("No space left on device");
    }

    private static List<Long> range(long first, int count) {
        return LongStream.range(first, first + count).boxed().toList();
    }
}
