package dev.connject.agent.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connject.agent.safety.InternalErrors;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;

/**
 * connject reads a connect's caller and local address for JFR only while a running recording
 * takes {@code dev.connject.Connect} events: a JVM that records JFR around the clock with the
 * event turned off pays nothing for it. It reads the caller of every connect only while one of
 * them sets the event's {@code caller} to {@code all}.
 */
class JfrConnectEventsTest {

    @Test
    void wantsEventsOnlyWhileARunningRecordingHasTheEventOn() {
        JfrConnectEvents events = JfrConnectEvents.create(new InternalErrors());
        events.follow();
        assertThat(events.recording()).as("no recording").isFalse();

        try (Recording without = new Recording()) {
            without.disable(ConnectJfrEvent.class);
            without.start();
            assertThat(events.recording()).as("a recording with the event off").isFalse();

            try (Recording with = new Recording()) {
                with.enable(ConnectJfrEvent.class);
                with.start();
                assertThat(events.recording()).as("a second recording with the event on").isTrue();
                with.stop();
            }
            assertThat(events.recording()).as("the second recording stopped").isFalse();
        }
        assertThat(events.recording()).as("every recording closed").isFalse();
    }

    @Test
    void wantsEveryCallerOnlyWhileARunningRecordingSetsCallerToAll() {
        JfrConnectEvents events = JfrConnectEvents.create(new InternalErrors());
        events.follow();

        try (Recording failures = new Recording()) {
            failures.enable(ConnectJfrEvent.class);
            failures.start();
            assertThat(events.wantsEveryCaller()).as("the event's default setting").isFalse();

            try (Recording all = new Recording()) {
                all.enable(ConnectJfrEvent.class).with("caller", "all");
                all.start();
                assertThat(events.wantsEveryCaller()).as("a second recording with caller=all").isTrue();
                all.stop();
            }
            assertThat(events.wantsEveryCaller()).as("that recording stopped").isFalse();
        }
    }
}
