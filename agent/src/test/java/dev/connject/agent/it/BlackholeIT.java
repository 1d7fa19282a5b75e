package dev.connject.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connject.testkit.ChildJvm;
import dev.connject.testkit.ExitedJvm;
import dev.connject.testkit.Jdk;
import dev.connject.testkit.LoopbackPorts;
import dev.connject.testkit.RulesFile;
import dev.connject.testkit.RunningJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A blackhole ({@code timeout: 30s}) lets the application's own timeout fire on time, shows a
 * selector no OP_CONNECT, and costs no CPU while connects wait in it.
 */
class BlackholeIT {

    private static final String BLACKHOLE = "rules:\n  - name: blackhole\n    match:\n      port: 4444\n    fault:\n"
            + "      timeout: 30s\n";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void theApplicationsOwnTimeoutFiresOnTime(Jdk jdk, @TempDir Path directory) {
        // the closed port first: the JVM's first connect pays for loading the socket classes, in any JVM
        Probe.Run run = new Probe.Setup(jdk, directory).rules(BLACKHOLE)
                .run("2000", "socket-timeout=" + LoopbackPorts.closedPort(), "socket-timeout=4444",
                        "channel-nonblocking=4444");

        Map<String, Object> timed = run.outcomes().stream().filter(o -> "4444".equals(o.get("target")))
                .filter(o -> "socket-timeout".equals(o.get("path"))).findFirst().orElseThrow();
        assertThat(Expectations.chain(timed)).containsExactly("java.net.SocketTimeoutException: Connect timed out");
        assertThat(((Number) timed.get("elapsed_ms")).longValue()).isBetween(1800L, 2200L);
        Map<String, Object> selected = run.outcome("channel-nonblocking");
        assertThat(selected.get("outcome")).isEqualTo("abandoned");
        assertThat(selected.get("note")).isEqualTo("no OP_CONNECT within the timeout");
        assertThat(run.events()).filteredOn(event -> "127.0.0.1:4444".equals(event.get("remote")))
                .extracting(event -> event.get("result")).containsOnly("timeout", "abandoned");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void connectsWaitingInTheBlackholeUseNoCpu(Jdk jdk, @TempDir Path directory) throws Exception {
        Path rules = RulesFile.write(directory.resolve("rules.yaml"), "version: 1\n" + BLACKHOLE);
        List<String> arguments = List.of("--parallel", "10000", "socket=4444", "socket-timeout=4444",
                "channel-blocking=4444", "channel-nonblocking=4444", "channel-adaptor=4444", "async-future=4444");
        try (RunningJvm jvm = ChildJvm.on(jdk).javaagent(Probe.AGENT, "rules=" + rules).classpath(Probe.CLASSES)
                .mainClass(Probe.MAIN).args(arguments.toArray(String[]::new)).start()) {
            long pid = jvm.pid();
            // past the JVM's start, while its compilers are still busy with what it just loaded
            Thread.sleep(4000);
            long before = cpuTicks(pid);
            long start = System.nanoTime();
            Thread.sleep(4000);
            long used = cpuTicks(pid) - before;
            double seconds = (System.nanoTime() - start) / 1e9;
            double shareOfACore = used / 100.0 / seconds;
            System.out.printf("%s: %d connects waiting in the blackhole used %.2f%% of a core%n", jdk,
                    arguments.size() - 2, shareOfACore * 100);
            assertThat(shareOfACore).isLessThan(0.05);
            ExitedJvm exited = jvm.awaitExit(Duration.ofSeconds(60));
            assertThat(exited.stdoutLines()).hasSize(arguments.size() - 2);
        }
    }

    /** User and system CPU time of a process, in clock ticks (USER_HZ, 100 on Linux). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
