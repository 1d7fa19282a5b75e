package dev.connject.agent.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connject.agent.log.CapturedStderr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RingOverflowTest {

    private static final String BEGUN = "connject: warn: connects come faster than connject's recorder takes them:"
            + " their events are dropped until it catches up, and counted in status";

    @RegisterExtension
    final CapturedStderr stderr = new CapturedStderr();

    private final RingOverflow overflow = new RingOverflow();

    @Test
    void saysNothingWhileNoEventIsRefused() {
        overflow.look(false);
        overflow.look(true);

        assertThat(stderr.lines()).isEmpty();
    }

    @Test
    void saysOnceThatAnOverflowBeganAndAtTheEndHowManyEventsItCost() {
        overflow.refuse();
        overflow.look(false);
        overflow.refuse();
        overflow.refuse();
        overflow.look(false);
        overflow.look(false);

        assertThat(stderr.lines()).containsExactly(BEGUN);
        assertThat(overflow.count()).isEqualTo(3);

        overflow.look(true);

        assertThat(stderr.lines()).containsExactly(BEGUN,
                "connject: the recorder has caught up; 3 events were dropped meanwhile, counted in status");
    }

    @Test
    void countsEachOverflowOnItsOwn() {
        overflow.refuse();
        overflow.look(true);
        overflow.refuse();
        overflow.refuse();
        overflow.look(true);

        assertThat(stderr.lines()).containsExactly(BEGUN,
                "connject: the recorder has caught up; 1 event was dropped meanwhile, counted in status", BEGUN,
                "connject: the recorder has caught up; 2 events were dropped meanwhile, counted in status");
    }
}
