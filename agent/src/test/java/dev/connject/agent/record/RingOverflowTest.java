package dev.connject.agent.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RingOverflowTest {

    private static final String BEGUN = "connject: warn: connects come faster than connject's recorder takes them:"
            + " their events are dropped until it catches up, and counted in status";

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final RingOverflow overflow = new RingOverflow();
    private PrintStream originalStderr;

    @BeforeEach
    void captureWhatConnjectSays() {
        originalStderr = System.err;
        System.setErr(new PrintStream(stderr, true));
    }

    @AfterEach
    void restoreStderr() {
        System.setErr(originalStderr);
    }

    @Test
    void saysNothingWhileNoEventIsRefused() {
        overflow.look(false);
        overflow.look(true);

        assertThat(stderr.toString()).isEmpty();
    }

    @Test
    void saysOnceThatAnOverflowBeganAndAtTheEndHowManyEventsItCost() {
        overflow.refuse();
        overflow.look(false);
        overflow.refuse();
        overflow.refuse();
        overflow.look(false);
        overflow.look(false);

        assertThat(stderr.toString().lines()).containsExactly(BEGUN);
        assertThat(overflow.count()).isEqualTo(3);

        overflow.look(true);

        assertThat(stderr.toString().lines()).containsExactly(BEGUN,
                "connject: the recorder has caught up; 3 events were dropped meanwhile, counted in status");
    }

    @Test
    void countsEachOverflowOnItsOwn() {
        overflow.refuse();
        overflow.look(true);
        overflow.refuse();
        overflow.refuse();
        overflow.look(true);

        assertThat(stderr.toString().lines()).containsExactly(BEGUN,
                "connject: the recorder has caught up; 1 event was dropped meanwhile, counted in status", BEGUN,
                "connject: the recorder has caught up; 2 events were dropped meanwhile, counted in status");
    }
}
