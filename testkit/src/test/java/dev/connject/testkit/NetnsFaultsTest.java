package dev.connject.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connject.testkit.programs.ConnectAttempts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The faults the setup steps of Netns make, as a JDK's Socket.connect reports them: the oracle of connject's
 * fidelity tests, and the source of what the Javadoc of {@link Netns} says. Each JDK connects at once with
 * several timeouts: 0 (a blocking connect(2)), one shorter and one longer than the faults take.
 */
class NetnsFaultsTest {

    private static final int PORT = 4242;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long AT_ONCE_MILLIS = 800;

    @ParameterizedTest
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void aDroppedSynTimesOutAfterThreeSecondsWithOneRetryOrWhenTheShorterTimeoutPasses(Jdk jdk) {
        Map<Integer, AttemptOutcome> outcomes = connect(jdk, Netns.synRetries(1), Netns.drop(PORT));

        assertOutcome(outcomes.get(0), "java.net.ConnectException: Connection timed out", 2900, 4500);
        assertOutcome(outcomes.get(1000), "java.net.SocketTimeoutException: Connect timed out", 950, 2000);
        assertOutcome(outcomes.get(5000), "java.net.ConnectException: Connection timed out", 2900, 4500);
    }

    @ParameterizedTest
    @MethodSource("icmpRejections")
    void anIcmpRejectionFailsATimedConnectAtOnceAndABlockingOneAfterTheFirstSynRetransmission(
            Jdk jdk, String rejectWith, String outcome) {
        Map<Integer, AttemptOutcome> outcomes = connect(jdk, Netns.synRetries(1), Netns.reject(PORT, rejectWith));

        assertOutcome(outcomes.get(0), outcome, 900, 2500);
        assertOutcome(outcomes.get(1000), outcome, 0, AT_ONCE_MILLIS);
        assertOutcome(outcomes.get(5000), outcome, 0, AT_ONCE_MILLIS);
    }

    static Stream<Arguments> icmpRejections() {
        return Jdks.forJUnit().flatMap(jdk -> Stream.of(
                Arguments.of(jdk, "icmp-host-unreachable", "java.net.NoRouteToHostException: No route to host"),
                Arguments.of(jdk, "icmp-net-unreachable", "java.net.SocketException: Network is unreachable"),
                Arguments.of(jdk, "icmp-port-unreachable", "java.net.ConnectException: Connection refused")));
    }

    @ParameterizedTest
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void aTcpResetIsRefusedAtOnce(Jdk jdk) {
        Map<Integer, AttemptOutcome> outcomes = connect(jdk, Netns.reject(PORT, "tcp-reset"));

        for (int timeout : List.of(0, 1000, 5000)) {
            assertOutcome(outcomes.get(timeout), "java.net.ConnectException: Connection refused", 0, AT_ONCE_MILLIS);
        }
    }

    @Test
    void theIpv4RulesMatchTheJdksIpv4MappedConnectsTo127001ButNotConnectsToTheIpv6Loopback(@TempDir Path directory) {
        Path strace = directory.resolve("strace.out");
        ChildJvm mapped = Programs.child(ConnectAttempts.class)
                .args("127.0.0.1", Integer.toString(PORT), "1000")
                .wrappedBy(Netns.prefix(List.of(Netns.drop(PORT))))
                .wrappedBy(Strace.prefix(strace));
        ChildJvm ipv6 = Programs.child(ConnectAttempts.class)
                .args("::1", Integer.toString(PORT), "1000")
                .wrappedBy(Netns.prefix(List.of(Netns.drop(PORT))));

        assertOutcome(AttemptOutcome.byTimeout(mapped.run(TIMEOUT)).get(1000),
                "java.net.SocketTimeoutException: Connect timed out", 950, 2000);
        assertThat(StraceLog.read(strace).connectsTo(PORT)).extracting(StraceCall::address)
                .containsExactly("[::ffff:127.0.0.1]:" + PORT);
        assertOutcome(AttemptOutcome.byTimeout(ipv6.run(TIMEOUT)).get(1000),
                "java.net.ConnectException: Connection refused", 0, AT_ONCE_MILLIS);
    }

    /** Connects to {@link #PORT} with timeouts 0, 1000 and 5000 ms at once, in a namespace set up with the steps. */
    private static Map<Integer, AttemptOutcome> connect(Jdk jdk, String... setup) {
        return AttemptOutcome.byTimeout(Programs.child(jdk, ConnectAttempts.class)
                .args("127.0.0.1", Integer.toString(PORT), "0", "1000", "5000")
                .wrappedBy(Netns.prefix(List.of(setup)))
                .run(TIMEOUT));
    }

    private static void assertOutcome(AttemptOutcome actual, String outcome, long minMillis, long maxMillis) {
        assertThat(actual.outcome()).as("outcome of %s", actual).isEqualTo(outcome);
        assertThat(actual.millis()).as("duration of %s", actual).isBetween(minMillis, maxMillis);
    }
}
