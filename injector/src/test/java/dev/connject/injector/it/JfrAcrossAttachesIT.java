package dev.connject.injector.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connject.testkit.ChildJvm;
import dev.connject.testkit.Jdk;
import dev.connject.testkit.LoopbackPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A JFR recording that runs through a detach and a second attach holds the event type once for each
 * attach, under one name, and the events of both: the README says so to whoever reads such a recording.
 * {@code status} says that the events go to JFR.
 */
class JfrAcrossAttachesIT {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void aRecordingThroughDetachAndAttachHoldsTheEventsOfEachAttach(Jdk jdk, @TempDir Path directory) throws Exception {
        int port = LoopbackPorts.freePort();
        Path rules = RulesFiles.refusing(directory, "rules.yaml", port, 2);
        Path recording = directory.resolve("connects.jfr");
        Injector injector = Injector.onTestJdk();
        try (LoopTarget loop = LoopTarget.start(ChildJvm.on(jdk).jvmArgs("-XX:StartFlightRecording:settings=default"),
                port, Files.createDirectory(directory.resolve("control")))) {
            String pid = Long.toString(loop.pid());
            for (String[] command : List.of(new String[] {"attach", pid, "--rules", rules.toString()},
                    new String[] {"detach", pid}, new String[] {"attach", pid, "--rules", rules.toString()})) {
                int lastBefore = loop.lastAttempt();
                InjectorRun run = injector.run(command);
                assertThat(run.exitCode()).as(run.describe()).isZero();
                if (command[0].equals("attach")) {
                    loop.awaitAttempt(attempt -> attempt.number() > lastBefore && attempt.outcome().equals("refused"),
                            PATIENCE);
                }
            }
            InjectorRun status = injector.run("status", pid);
            assertThat(status.stdoutLines()).as(status.describe()).contains("recording        JFR");
            Process dump = new ProcessBuilder(jdk.home().resolve("bin/jcmd").toString(), pid, "JFR.dump",
                    "filename=" + recording).inheritIO().start();
            assertThat(dump.waitFor()).isZero();
        }

        Map<Long, List<RecordedEvent>> byType = RecordingFile.readAllEvents(recording).stream()
                .filter(event -> event.getEventType().getName().equals("dev.connject.Connect"))
                .collect(Collectors.groupingBy(event -> event.getEventType().getId()));
        assertThat(byType).hasSize(2).allSatisfy((type, events) -> assertThat(events)
                .anyMatch(event -> event.getBoolean("injected") && event.getString("result").equals("ECONNREFUSED")));
    }
}
