package dev.connject.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connject.testkit.Jdk;
import dev.connject.testkit.Netns;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A connect to a port whose SYNs a private network namespace drops, with one SYN retry: paths with
 * a timeout see their own timeout fire, the others ETIMEDOUT after three seconds. Every one is
 * recorded as the application and strace saw it.
 */
class TracingADroppedPortIT {

    private static final int TIMEOUT = 1500;
    private static final int FIRST_PORT = 20001;

    @BeforeAll
    static void namespacesWork() {
        assertThat(Netns.available()).as("unshare -n and iptables work here (root, iptables installed)").isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void connectsToADroppedPortAreRecordedAsStraceSawThem(Jdk jdk, @TempDir Path directory) {
        List<String> paths = new ArrayList<>(Probe.portPaths(jdk));
        paths.removeIf(path -> path.startsWith("datagram"));
        List<String> setup = new ArrayList<>(List.of(Netns.synRetries(1)));
        List<String> arguments = new ArrayList<>(List.of("--parallel", Integer.toString(TIMEOUT)));
        for (int i = 0; i < paths.size(); i++) {
            setup.add(Netns.drop(FIRST_PORT + i));
            arguments.add(paths.get(i) + "=" + (FIRST_PORT + i));
        }
        Probe.Run run = new Probe.Setup(jdk, directory).wrappedBy(Netns.prefix(setup)).strace()
                .run(arguments.toArray(String[]::new));
        for (String path : paths) {
            Expectations.check(run, path, TIMEOUT);
        }
        assertThat(run.outcome("socket-timeout").get("chain").toString()).contains("SocketTimeoutException");
        assertThat(run.outcome("socket").get("chain").toString()).contains("Connection timed out");
    }
}
