package dev.connject.injector.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connject.injector.target.ConnectBurst;
import dev.connject.testkit.ChildJvm;
import dev.connject.testkit.Jdk;
import dev.connject.testkit.RunningJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code watch} follows a JVM making ten thousand connects a second: every connect of the burst is
 * either printed or counted as skipped, none is silently lost.
 */
class WatchThroughputIT {

    private static final int THREADS = 4;
    private static final int CONNECTS = 30_000;
    private static final int RATE = 10_000;
    /** Below this the target did not make the load the test is about; the machine was too busy. */
    private static final int LOWEST_RATE = 5_000;
    private static final Pattern SUMMARY = Pattern.compile("watched JVM \\d+: (\\d+) events printed, (\\d+) skipped");
    private static final Pattern DONE = Pattern.compile("done connects=(\\d+) failures=(\\d+) millis=(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void everyConnectOfABurstIsPrintedOrReportedSkipped(Jdk jdk, @TempDir Path directory)
            throws IOException, JsonProcessingException {
        Path trigger = directory.resolve("go");
        Injector injector = Injector.onTestJdk();
        try (RunningJvm target = ChildJvm.on(jdk).classpath(LoopTarget.CLASSES).mainClass(ConnectBurst.class.getName())
                .args(Integer.toString(THREADS), Integer.toString(CONNECTS), Integer.toString(RATE), trigger.toString())
                .start()) {
            target.awaitStdoutLine(line -> line.startsWith("ready"), Duration.ofSeconds(20));
            InjectorRun attach = injector.run("attach", Long.toString(target.pid()));
            assertThat(attach.exitCode()).as(attach.describe()).isZero();
            Injector.Started watch = injector.start("watch", Long.toString(target.pid()), "--json", "--count",
                    Integer.toString(CONNECTS));
            watch.awaitStderr("watching JVM", Duration.ofSeconds(20));

            Files.createFile(trigger);
            Matcher done = DONE.matcher(target.awaitStdoutLine(line -> line.startsWith("done"), Duration.ofSeconds(60)));
            // a watch that skipped events never reaches its count: it ends as at Ctrl-C, with its summary
            InjectorRun watched = watch.exitsWithin(Duration.ofSeconds(20)) ? watch.awaitExit(Duration.ZERO)
                    : watch.interrupt();

            assertThat(done.find()).isTrue();
            assertThat(Long.parseLong(done.group(1))).isEqualTo(CONNECTS);
            long rate = CONNECTS * 1000L / Math.max(1, Long.parseLong(done.group(3)));
            assertThat(rate).as("connects a second the target made").isGreaterThanOrEqualTo(LOWEST_RATE);
            Matcher summary = SUMMARY.matcher(watched.stderr());
            assertThat(summary.find()).as(watched.stderr()).isTrue();
            long printed = Long.parseLong(summary.group(1));
            long skipped = Long.parseLong(summary.group(2));
            assertThat(watched.stdoutLines()).hasSize((int) printed);
            assertThat(printed + skipped).as(watched.stderr()).isEqualTo(CONNECTS);
            Set<Long> ids = new HashSet<>();
            for (String line : watched.stdoutLines()) {
                JsonNode event = JSON.readTree(line);
                assertThat(event.get("pid").asLong()).isEqualTo(target.pid());
                ids.add(event.get("id").asLong());
            }
            assertThat(ids).hasSize((int) printed);
        }
    }
}
