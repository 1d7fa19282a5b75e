package dev.connject.injector.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connject.injector.app.ConnectBurst;
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
 * {@code watch} follows a JVM making ten thousand connects a second: every connect of a burst is
 * either printed or counted as skipped, none is silently lost; and a watch that falls behind
 * says how many it skipped.
 */
class WatchThroughputIT {

    private static final int THREADS = 4;
    private static final int RATE = 10_000;
    /**
     * Below this the target did not make the load the test is about. It aims at {@link #RATE}, and
     * reaches it on an idle machine of two cores; other work on the machine slows it down.
     */
    private static final int LOWEST_RATE = 3_000;
    private static final Pattern SUMMARY = Pattern.compile("watched JVM \\d+: (\\d+) events printed, (\\d+) skipped");
    private static final Pattern DONE = Pattern.compile("done connects=(\\d+) failures=(\\d+) millis=(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Injector injector = Injector.onTestJdk();

    @TempDir
    Path directory;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void everyConnectOfABurstIsPrintedOrReportedSkipped(Jdk jdk) throws IOException {
        int connects = 30_000;
        Path trigger = directory.resolve("go");
        try (RunningJvm target = startBurst(ChildJvm.on(jdk), connects, trigger)) {
            Injector.Started watch = injector.start("watch", Long.toString(target.pid()), "--json", "--count",
                    Integer.toString(connects));
            watch.awaitStderr("watching JVM", Duration.ofSeconds(20));

            Files.createFile(trigger);
            long rate = awaitBurst(target, connects);
            // a watch that skipped events never reaches its count: it ends as at Ctrl-C, with its summary
            InjectorRun watched = watch.exitsWithin(Duration.ofSeconds(20)) ? watch.awaitExit(Duration.ZERO)
                    : watch.interrupt();

            assertThat(rate).as("connects a second the target made").isGreaterThanOrEqualTo(LOWEST_RATE);
            assertEveryConnectAccountedFor(watched, target.pid(), connects);
        }
    }

    /**
     * The watch is stopped for a second in the middle of a burst, and the target keeps only five
     * notifications for its JMX clients (the JDK's default is a thousand): the batches of that
     * second are lost, and the first one after shows the gap.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void aWatchThatFallsBehindSaysHowManyEventsItSkipped(Jdk jdk) throws IOException {
        int connects = 20_000;
        Path trigger = directory.resolve("go");
        ChildJvm smallBuffer = ChildJvm.on(jdk).systemProperty("jmx.remote.x.notification.buffer.size", "5");
        try (RunningJvm target = startBurst(smallBuffer, connects, trigger)) {
            Injector.Started watch = injector.start("watch", Long.toString(target.pid()), "--json");
            watch.awaitStderr("watching JVM", Duration.ofSeconds(20));

            Files.createFile(trigger);
            Injector.sleep(Duration.ofMillis(300));
            watch.suspendFor(Duration.ofSeconds(1));
            awaitBurst(target, connects);
            watch.awaitStderr("skipped", Duration.ofSeconds(20));
            Injector.sleep(Duration.ofSeconds(2));
            InjectorRun watched = watch.interrupt();

            assertThat(watched.stderrLines()).anySatisfy(line -> assertThat(line)
                    .matches("connject: skipped \\d+ events: this watch fell behind JVM " + target.pid()
                            + ", whose JMX connector dropped them"));
            long skipped = assertEveryConnectAccountedFor(watched, target.pid(), connects);
            assertThat(skipped).isPositive();
        }
    }

    /** Starts the burst target, with connject attached and no rules, waiting for {@code trigger}. */
    private RunningJvm startBurst(ChildJvm jvm, int connects, Path trigger) {
        RunningJvm target = jvm.classpath(LoopTarget.CLASSES).mainClass(ConnectBurst.class.getName())
                .args(Integer.toString(THREADS), Integer.toString(connects), Integer.toString(RATE), trigger.toString())
                .start();
        target.awaitStdoutLine(line -> line.startsWith("ready"), Duration.ofSeconds(20));
        InjectorRun attach = injector.run("attach", Long.toString(target.pid()));
        assertThat(attach.exitCode()).as(attach.describe()).isZero();
        return target;
    }

    /** Waits for the burst's end; returns the rate it reached, in connects a second. */
    private static long awaitBurst(RunningJvm target, int connects) {
        Matcher done = DONE.matcher(target.awaitStdoutLine(line -> line.startsWith("done"), Duration.ofSeconds(60)));
        assertThat(done.find()).isTrue();
        assertThat(Long.parseLong(done.group(1))).isEqualTo(connects);
        return connects * 1000L / Math.max(1, Long.parseLong(done.group(3)));
    }

    /** Checks that printed and skipped events add up to {@code connects}, all distinct; returns the skipped. */
    private static long assertEveryConnectAccountedFor(InjectorRun watched, long pid, int connects) throws JsonProcessingException {
        Matcher summary = SUMMARY.matcher(watched.stderr());
        assertThat(summary.find()).as(watched.stderr()).isTrue();
        long printed = Long.parseLong(summary.group(1));
        long skipped = Long.parseLong(summary.group(2));
        assertThat(watched.stdoutLines()).hasSize((int) printed);
        assertThat(printed + skipped).as(watched.stderr()).isEqualTo(connects);
        Set<Long> ids = new HashSet<>();
        for (String line : watched.stdoutLines()) {
            JsonNode event = JSON.readTree(line);
            assertThat(event.get("pid").asLong()).isEqualTo(pid);
            ids.add(event.get("id").asLong());
        }
        assertThat(ids).hasSize((int) printed);
        return skipped;
    }
}
