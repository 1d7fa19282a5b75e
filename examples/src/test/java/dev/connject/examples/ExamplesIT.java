package dev.connject.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connject.testkit.ChildJvm;
import dev.connject.testkit.Events;
import dev.connject.testkit.ExitedJvm;
import dev.connject.testkit.Jdk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The examples do what their rules files say, with the real agent, on each JDK. */
class ExamplesIT {

    private static final Path AGENT = Path.of(System.getProperty("connject.agent.jar")).toAbsolutePath();
    private static final Path EXAMPLES = Path.of(System.getProperty("examples.jar")).toAbsolutePath();

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void theRetryingClientSurvivesHalfItsConnectsRefused(Jdk jdk) throws Exception {
        Path events = Path.of("target/chaos-events.jsonl").toAbsolutePath();
        Files.deleteIfExists(events);
        ExitedJvm jvm = ChildJvm.on(jdk).javaagent(AGENT, "rules=" + Path.of("chaos/chaos.yaml").toAbsolutePath())
                .classpath(EXAMPLES).mainClass("dev.connject.examples.chaos.RetryingClient").args("20")
                .run(Duration.ofMinutes(2)).assertSucceeded();

        assertThat(jvm.stdoutLines()).last().asString().startsWith("20 of 20 requests succeeded");
        List<Map<String, Object>> recorded = Events.read(events);
        long injected = recorded.stream().filter(e -> Boolean.TRUE.equals(e.get("injected"))).count();
        // HttpClient retries a refused connect once by itself, so the client sees fewer refusals than were injected
        assertThat(refusals(jvm)).as("refusals the client saw").isPositive().isLessThanOrEqualTo(injected);
        assertThat(injected).as("about half of the connects").isBetween(recorded.size() / 4L, recorded.size() * 3L / 4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void theTourShowsEveryConnectAndTheTwoFailedPorts(Jdk jdk) throws Exception {
        Path events = Path.of("target/demo-events.jsonl").toAbsolutePath();
        Files.deleteIfExists(events);
        ExitedJvm jvm = ChildJvm.on(jdk).javaagent(AGENT, "rules=" + Path.of("demo/demo.yaml").toAbsolutePath())
                .classpath(EXAMPLES).mainClass("dev.connject.examples.tour.ConnectTour")
                .run(Duration.ofMinutes(2)).assertSucceeded();

        assertThat(jvm.stdout()).contains("Socket to port 8999").contains("java.net.ConnectException: Connection refused")
                .contains("java.net.SocketTimeoutException: Connect timed out");
        assertThat(jvm.stderrLines()).filteredOn(line -> line.startsWith("connject: connect #")).hasSize(9);
        List<Map<String, Object>> recorded = Events.read(events);
        assertThat(recorded).extracting(e -> e.get("api")).contains("socket", "channel", "async", "datagram");
        assertThat(recorded).filteredOn(e -> "refused-port".equals(e.get("rule"))).singleElement()
                .satisfies(e -> assertThat(e.get("result")).isEqualTo("ECONNREFUSED"));
        assertThat(recorded).filteredOn(e -> "blackholed-port".equals(e.get("rule"))).singleElement()
                .satisfies(e -> assertThat(e.get("result")).isEqualTo("timeout"));
    }

    private static long refusals(ExitedJvm jvm) {
        String summary = jvm.stdoutLines().get(jvm.stdoutLines().size() - 1);
        return Long.parseLong(summary.replaceAll(".*; (\\d+) connect attempts were refused.*", "$1"));
    }
}
