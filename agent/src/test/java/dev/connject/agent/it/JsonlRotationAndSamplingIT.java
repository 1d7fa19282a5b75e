package dev.connject.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connject.testkit.ChildJvm;
import dev.connject.testkit.Events;
import dev.connject.testkit.ExitedJvm;
import dev.connject.testkit.Jdk;
import dev.connject.testkit.Jdks;
import dev.connject.testkit.RulesFile;
import dev.connject.testkit.RunningJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON Lines file rotates by size and keeps the files it is told to, also when several JVMs
 * write it, and is each JVM's own when its name has {@code %p}; sampling thins successes, never
 * failures, and what it keeps names its caller.
 */
class JsonlRotationAndSamplingIT {

    private final Jdk jdk = Jdks.installed().get(0);

    @Test
    void theFileRotatesAtItsSizeAndKeepsTheNewestFiles(@TempDir Path directory) throws IOException {
        Path events = directory.resolve("events.jsonl");
        run(directory, "record:\n  jsonl: " + events + "\n  jsonl_max: 64KB\n  jsonl_keep: 2\n", "3000");

        assertThat(Files.size(events)).isLessThanOrEqualTo(64 * 1024);
        assertThat(Files.size(directory.resolve("events.jsonl.1"))).isBetween(60L * 1024, 64L * 1024);
        assertThat(Files.size(directory.resolve("events.jsonl.2"))).isBetween(60L * 1024, 64L * 1024);
        assertThat(directory.resolve("events.jsonl.3")).doesNotExist();
        List<Map<String, Object>> kept = new ArrayList<>(Events.read(directory.resolve("events.jsonl.2")));
        kept.addAll(Events.read(directory.resolve("events.jsonl.1")));
        kept.addAll(Events.read(events));
        List<Long> ids = kept.stream().map(event -> ((Number) event.get("id")).longValue()).toList();
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        assertThat(ids.get(ids.size() - 1) - ids.get(0)).isEqualTo(ids.size() - 1);
    }

    @Test
    void jvmsThatShareTheFileRotateItInTurnAndKeepEachOfTheirEventsOnce(@TempDir Path directory) throws IOException {
        Path events = directory.resolve("events.jsonl");
        Path rules = rules(directory, "record:\n  jsonl: " + events + "\n  jsonl_max: 64KB\n  jsonl_keep: 200\n");
        List<RunningJvm> running = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            running.add(ruleLoad(rules, "3000").start());
        }
        for (RunningJvm jvm : running) {
            ExitedJvm exited = jvm.awaitExit(Duration.ofMinutes(2)).assertSucceeded();
            assertThat(exited.stderr()).doesNotContain("internal error");
        }

        List<Path> files = new ArrayList<>(List.of(events));
        for (int n = 1; Files.exists(directory.resolve("events.jsonl." + n)); n++) {
            Path rotated = directory.resolve("events.jsonl." + n);
            files.add(rotated);
            // rotated once full, and not again by another JVM when it was new
            assertThat(Files.size(rotated)).as(rotated.toString()).isGreaterThan(60L * 1024);
        }
        assertThat(directory.resolve("events.jsonl.200")).doesNotExist();
        Map<Long, List<Long>> ids = new HashMap<>();
        for (Path file : files) {
            for (Map<String, Object> event : Events.read(file)) {
                ids.computeIfAbsent(((Number) event.get("pid")).longValue(), pid -> new ArrayList<>())
                        .add(((Number) event.get("id")).longValue());
            }
        }
        assertThat(ids).hasSize(3);
        List<Long> every = LongStream.rangeClosed(1, 3000).boxed().toList();
        ids.values().forEach(kept -> assertThat(kept).containsExactlyInAnyOrderElementsOf(every));
        assertThat(files).hasSizeGreaterThan(30);
    }

    @Test
    void aFileNamedWithPercentPIsEachJvmsOwn(@TempDir Path directory) throws IOException {
        for (int i = 0; i < 2; i++) {
            run(directory, "record:\n  jsonl: events-%p.jsonl\n", "50");
        }

        List<Path> files;
        try (Stream<Path> listed = Files.list(directory)) {
            files = listed.filter(file -> file.getFileName().toString().startsWith("events-")).toList();
        }
        assertThat(files).hasSize(2);
        for (Path file : files) {
            List<Map<String, Object>> recorded = Events.read(file);
            assertThat(recorded).hasSize(50);
            assertThat(recorded).allSatisfy(event -> assertThat(file.getFileName().toString())
                    .isEqualTo("events-" + event.get("pid") + ".jsonl"));
        }
    }

    @Test
    void samplingThinsSuccessesAndKeepsEveryFailure(@TempDir Path directory) {
        Path events = directory.resolve("events.jsonl");
        String refuseEveryTenth = "rules:\n  - name: refuse\n    match:\n      protocol: tcp\n    fault:\n"
                + "      errno: ECONNREFUSED\n    when:\n      every: 10\n";
        run(directory, "record:\n  jsonl: " + events + "\n  sample: 0.1\n" + refuseEveryTenth, "2000");

        List<Map<String, Object>> recorded = Events.read(events);
        long failures = recorded.stream().filter(event -> "ECONNREFUSED".equals(event.get("result"))).count();
        long successes = recorded.size() - failures;
        assertThat(failures).isEqualTo(200);
        assertThat(successes).isBetween(120L, 240L);
        // a failure left out of the sample has its caller read where it fails, in the same call
        assertThat(recorded).allSatisfy(event -> assertThat((String) event.get("caller"))
                .startsWith("dev.connject.probe.RuleLoad"));
    }

    private void run(Path directory, String record, String connects) {
        ruleLoad(rules(directory, record), connects).run(Duration.ofMinutes(2)).assertSucceeded();
    }

    private static Path rules(Path directory, String record) {
        return RulesFile.write(directory.resolve("rules.yaml"), "version: 1\n" + record);
    }

    /** One thread that makes this many connects, one after another, with connject recording them. */
    private ChildJvm ruleLoad(Path rules, String connects) {
        return ChildJvm.on(jdk).javaagent(Probe.AGENT, "rules=" + rules).classpath(Probe.CLASSES)
                .mainClass("dev.connject.probe.RuleLoad").args("1", connects, "0");
    }
}
