package dev.connject.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connject.testkit.Jdk;
import dev.connject.testkit.Jdks;
import dev.connject.testkit.LoopbackPorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure inside connject never reaches the application: it is reported once on stderr and
 * counted, and the application's connects go on exactly as without the agent.
 */
class FailOpenIT {

    private final Jdk jdk = Jdks.installed().get(0);

    @Test
    void aRecordingFileThatCannotBeWrittenChangesNothingForTheApplication(@TempDir Path directory) throws IOException {
        Path notAFile = Files.createDirectory(directory.resolve("events.jsonl"));
        int port = LoopbackPorts.closedPort();
        Probe.Run run = new Probe.Setup(jdk, directory).run("--listen", "1000", "socket=0", "channel-open=0",
                "socket-timeout=" + port);

        assertThat(Files.isDirectory(notAFile)).isTrue();
        assertThat(run.outcome("socket").get("outcome")).isEqualTo("connected");
        assertThat(run.outcome("channel-open").get("outcome")).isEqualTo("connected");
        assertThat(run.jvm().stderrLines()).contains("connject: warn: cannot write " + notAFile + ": Is a directory;"
                + " until it can, the events connject cannot hold for it are dropped and counted in status");
    }

    @Test
    void aFaultConnjectCannotApplyLetsTheConnectGoAheadUntouched(@TempDir Path directory) {
        // inside a network namespace whose loopback is down, connject cannot open its blackhole
        List<String> loopbackDown = List.of("unshare", "-n", "--");
        String delay = "rules:\n  - name: slow\n    match:\n      port: 4444\n    fault:\n      delay: 100ms\n";

        Probe.Run without = new Probe.Setup(jdk, directory).withoutAgent().wrappedBy(loopbackDown)
                .run("1000", "socket-timeout=4444", "channel-nonblocking=4444");
        Probe.Run with = new Probe.Setup(jdk, directory).rules(delay).wrappedBy(loopbackDown)
                .run("1000", "socket-timeout=4444", "channel-nonblocking=4444");

        for (String path : List.of("socket-timeout", "channel-nonblocking")) {
            Map<String, Object> expected = with.outcome(path);
            Map<String, Object> actual = without.outcome(path);
            assertThat(expected.get("chain")).as(path).isEqualTo(actual.get("chain"));
            assertThat(expected.get("outcome")).as(path).isEqualTo(actual.get("outcome"));
        }
        assertThat(with.jvm().stderr()).contains("internal error in delay");
        assertThat(with.events()).extracting(event -> event.get("injected")).containsOnly(false);
    }
}
