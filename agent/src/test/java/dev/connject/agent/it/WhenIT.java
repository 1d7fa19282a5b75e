package dev.connject.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connject.testkit.ChildJvm;
import dev.connject.testkit.Events;
import dev.connject.testkit.ExitedJvm;
import dev.connject.testkit.Jdk;
import dev.connject.testkit.Jdks;
import dev.connject.testkit.RulesFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rule's {@code when:} counts exactly per JVM, repeats its seeded draws, and dry-run changes nothing. */
class WhenIT {

    private final Jdk jdk = Jdks.installed().get(0);

    @Test
    void sixtyFourThreadsWithTimesOneHundredGiveExactlyOneHundredInjections(@TempDir Path directory) {
        Result result = run(directory, "when:\n      times: 100\n", 64, 50, 0);

        assertThat(result.summary()).isEqualTo("connected=3100 refused=100");
        assertThat(result.events()).hasSize(3200);
        assertThat(result.events()).filteredOn(event -> Boolean.TRUE.equals(event.get("injected"))).hasSize(100)
                .allSatisfy(event -> assertThat(event.get("result")).isEqualTo("ECONNREFUSED"));
    }

    @Test
    void seededDrawsRepeatAcrossRuns(@TempDir Path directory) throws IOException {
        String when = "when:\n      probability: 0.3\n";
        Result first = run(Files.createDirectory(directory.resolve("first")), when, 1, 200, 0);
        Result second = run(Files.createDirectory(directory.resolve("second")), when, 1, 200, 0);

        assertThat(first.pattern()).isEqualTo(second.pattern());
        long refused = first.pattern().chars().filter(c -> c == 'X').count();
        assertThat(refused).isBetween(40L, 80L);
    }

    @Test
    void skipAndEveryPickTheAttemptsTheySay(@TempDir Path directory) {
        Result result = run(directory, "when:\n      skip: 2\n      every: 3\n", 1, 20, 0);

        assertThat(result.pattern()).isEqualTo("..X..X..X..X..X..X..");
    }

    @Test
    void aWindowActsOnlyWhileItIsOpen(@TempDir Path directory) {
        Result result = run(directory, "when:\n      from: 1s\n      for: 1s\n", 1, 30, 100);

        // thirty connects, one every 100 ms: those before the window (how many depends on how soon the JVM
        // starts connecting after the rules load), about ten in it, the rest after
        assertThat(result.pattern()).matches("\\.{0,12}X{7,12}\\.{6,}");
    }

    @Test
    void dryRunRecordsWouldBeInjectionsAndChangesNothing(@TempDir Path directory) {
        Result result = run(directory, "when:\n      times: 5\n", "dry-run", 1, 10, 0);

        assertThat(result.pattern()).isEqualTo("..........");
        assertThat(result.events()).filteredOn(event -> Boolean.TRUE.equals(event.get("dry_run"))).hasSize(5)
                .allSatisfy(event -> {
                    assertThat(event.get("injected")).isEqualTo(false);
                    assertThat(event.get("rule")).isEqualTo("refuse");
                    assertThat(event.get("result")).isEqualTo("connected");
                });
    }

    private Result run(Path directory, String when, int threads, int perThread, int intervalMillis) {
        return run(directory, when, "inject", threads, perThread, intervalMillis);
    }

    private Result run(Path directory, String when, String mode, int threads, int perThread, int intervalMillis) {
        Path events = directory.resolve("events.jsonl");
        Path rules = RulesFile.write(directory.resolve("rules.yaml"),
                "version: 1\nmode: " + mode + "\nseed: 42\nrecord:\n  jsonl: " + events + "\n"
                + "rules:\n  - name: refuse\n    match:\n      protocol: tcp\n    fault:\n      errno: ECONNREFUSED\n"
                + "    " + when);
        ExitedJvm jvm = ChildJvm.on(jdk).javaagent(Probe.AGENT, "rules=" + rules).classpath(Probe.CLASSES)
                .mainClass("dev.connject.probe.RuleLoad")
                .args(Integer.toString(threads), Integer.toString(perThread), Integer.toString(intervalMillis))
                .run(Duration.ofMinutes(2)).assertSucceeded();
        return new Result(jvm.stdoutLines().get(jvm.stdoutLines().size() - 1), Events.read(events));
    }

    private record Result(String line, List<Map<String, Object>> events) {
        String summary() {
            return line.replaceAll(" pattern=.*", "");
        }

        String pattern() {
            return line.replaceAll(".* pattern=", "");
        }
    }
}
