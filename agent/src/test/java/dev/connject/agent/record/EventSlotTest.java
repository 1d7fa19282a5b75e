package dev.connject.agent.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connject.agent.attempt.Attempts;
import dev.connject.agent.attempt.ConnectAttempt;
import dev.connject.agent.attempt.Syscall;
import dev.connject.agent.platform.PlatformErrnos;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A slot keeps most of an attempt coded in a few fields and the rest apart, and is used again on
 * every lap of the ring: what comes out of it must be what went in, and nothing of the event it
 * held before.
 */
class EventSlotTest {

    private static final InetSocketAddress REMOTE = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5432);

    private final Outcomes outcomes = new Outcomes(PlatformErrnos::none);
    private final WallClock clock = new WallClock();
    private final EventSlot slot = EventSlot.ring(1)[0];

    @Test
    void givesBackEverySystemCallAndResultUpToItsLimit() {
        ConnectAttempt attempt = Attempts.to(REMOTE);
        List<Object> results = List.of(ConnectAttempt.EINTR, ConnectAttempt.EINPROGRESS, "ETIMEDOUT",
                new ConnectException("Connection refused"), ConnectAttempt.OK, "EHOSTUNREACH", ConnectAttempt.EINTR,
                ConnectAttempt.OK, "ENETUNREACH");
        List<ConnectEvent.SyscallRecord> expected = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            Syscall call = i % 3 == 1 ? Syscall.SO_ERROR : Syscall.CONNECT;
            attempt.syscall(call, results.get(i));
            if (i < EventSlot.MAX_SYSCALLS) {
                expected.add(new ConnectEvent.SyscallRecord(call.eventName(),
                        outcomes.syscallResult(call, results.get(i))));
            }
        }

        slot.copyFrom(attempt);

        ConnectEvent event = slot.toEvent(outcomes, clock, 1);
        assertThat(event.syscalls()).isEqualTo(expected);
        assertThat(event.syscalls().get(3).result()).as("an exception's result, by its message").isEqualTo("Connection refused");
    }

    @Test
    void showsNothingOfTheEventItHeldBefore() {
        ConnectAttempt failed = Attempts.failedWith(Attempts.toPath("/run/app.sock"),
                new ConnectException("Connection refused"), "app.Client.open(Client.java:12)", "app.Main.main(Main.java:3)");
        failed.syscall(Syscall.CONNECT, "ECONNREFUSED");
        failed.decidedBy("refuse-db", false);
        slot.copyFrom(failed);
        ConnectEvent first = slot.toEvent(outcomes, clock, 1);
        assertThat(first.remote()).isEqualTo("/run/app.sock");
        assertThat(first.syscalls()).containsExactly(new ConnectEvent.SyscallRecord("connect", "ECONNREFUSED"));
        assertThat(first.error()).isEqualTo("java.net.ConnectException: Connection refused");
        assertThat(first.rule()).isEqualTo("refuse-db");
        assertThat(first.callers()).hasSize(2);
        slot.clear();

        ConnectAttempt connected = Attempts.to(REMOTE);
        connected.syscall(Syscall.CONNECT, ConnectAttempt.OK);
        slot.copyFrom(connected);

        ConnectEvent second = slot.toEvent(outcomes, clock, 1);
        assertThat(second.remote()).isEqualTo("127.0.0.1:5432");
        assertThat(second.result()).isEqualTo(Outcomes.CONNECTED);
        assertThat(second.error()).isNull();
        assertThat(second.rule()).isNull();
        assertThat(second.injected()).isFalse();
        assertThat(second.callers()).isEmpty();
        JsonLine line = new JsonLine();
        slot.writeJson(line, outcomes, second.result(), clock, 1);
        assertThat(line.text()).contains("\"remote\":\"127.0.0.1:5432\"", "\"error\":null", "\"rule\":null",
                "\"caller\":null", "\"syscalls\":[{\"call\":\"connect\",\"result\":\"0\"}]");
    }
}
