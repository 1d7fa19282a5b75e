package dev.connject.agent.it;

import dev.connject.testkit.Jdk;
import dev.connject.testkit.LoopbackPorts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * With rules that inject nothing, every connect path is recorded as it happened: the recorded
 * result, errno, error, addresses, API, protocol and timeout equal what the application saw, and
 * the recorded system calls equal what strace saw in the same run.
 */
class TracingMatchesTheApplicationIT {

    private static final int TIMEOUT = 2000;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void connectsToAListeningPortAreRecordedAsStraceSawThem(Jdk jdk, @TempDir Path directory) {
        List<String> arguments = new ArrayList<>(List.of("--listen", Integer.toString(TIMEOUT)));
        for (String path : Probe.portPaths(jdk)) {
            arguments.add(path + "=0");
        }
        arguments.add("unix=" + directory.resolve("listening.sock"));
        Probe.Run run = new Probe.Setup(jdk, directory).strace().run(arguments.toArray(String[]::new));
        for (String path : Probe.portPaths(jdk)) {
            Expectations.check(run, path, TIMEOUT);
        }
        Expectations.check(run, "unix", TIMEOUT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void connectsToAClosedPortAreRecordedAsStraceSawThem(Jdk jdk, @TempDir Path directory) {
        List<String> arguments = new ArrayList<>(List.of(Integer.toString(TIMEOUT)));
        Set<Integer> ports = new HashSet<>();
        for (String path : Probe.portPaths(jdk)) {
            int port = LoopbackPorts.closedPort();
            while (!ports.add(port)) {
                port = LoopbackPorts.closedPort();
            }
            arguments.add(path + "=" + port);
        }
        arguments.add("unix=" + directory.resolve("nobody-listens.sock"));
        Probe.Run run = new Probe.Setup(jdk, directory).strace().run(arguments.toArray(String[]::new));
        for (String path : Probe.portPaths(jdk)) {
            Expectations.check(run, path, TIMEOUT);
        }
        Expectations.check(run, "unix", TIMEOUT);
    }
}
