package dev.connject.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connject.testkit.ChildJvm;
import dev.connject.testkit.Events;
import dev.connject.testkit.ExitedJvm;
import dev.connject.testkit.Jdks;
import dev.connject.testkit.RulesFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight threads making five thousand connects each, flat out from the JVM's start, leave one line
 * of JSON per connect, but for the events that the full ring refused, which connject counts and
 * says it dropped. On a quiet machine there are none; where other work takes the recorder's
 * core, there can be a few hundred.
 */
class NoEventIsLostIT {

    private static final Pattern DROPPED =
            Pattern.compile("connject: the recorder has caught up; (\\d+) events? w(?:as|ere) dropped");

    @Test
    void fortyThousandConnectsFromEightThreadsGiveFortyThousandEvents(@TempDir Path directory) {
        Path events = directory.resolve("events.jsonl");
        Path rules = RulesFile.write(directory.resolve("rules.yaml"),
                "version: 1\nrecord:\n  jsonl: " + events + "\n");

        ExitedJvm jvm = ChildJvm.on(Jdks.installed().get(0)).javaagent(Probe.AGENT, "rules=" + rules)
                .classpath(Probe.CLASSES).mainClass("dev.connject.probe.ConnectLoad").args("8", "5000")
                .run(Duration.ofMinutes(3)).assertSucceeded();

        assertThat(jvm.stdout().trim()).isEqualTo("40000");
        long dropped = jvm.stderr().lines().map(DROPPED::matcher).filter(Matcher::find)
                .mapToLong(said -> Long.parseLong(said.group(1))).sum();
        assertThat(dropped).as(jvm.stderr()).isLessThan(40000 / 10);
        System.out.println("NoEventIsLostIT: " + dropped + " events dropped at the ring");
        List<Map<String, Object>> recorded = Events.read(events);
        assertThat(recorded).hasSize(40000 - (int) dropped);
        assertThat(recorded.stream().map(event -> event.get("id")).collect(Collectors.toSet()))
                .hasSize(recorded.size());
        assertThat(recorded).allSatisfy(event -> assertThat(event.get("result")).isEqualTo("connected"));
        assertThat(recorded.stream().map(event -> event.get("thread")).collect(Collectors.toSet())).hasSize(8);
    }
}
