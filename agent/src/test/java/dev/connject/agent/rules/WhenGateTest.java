package dev.connject.agent.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connject.config.When;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WhenGateTest {

    private static String pattern(WhenGate gate, int attempts) {
        StringBuilder pattern = new StringBuilder();
        for (int i = 0; i < attempts; i++) {
            pattern.append(gate.admits(System.nanoTime()) ? 'X' : '.');
        }
        return pattern.toString();
    }

    @Test
    void skipThenEveryNth() {
        WhenGate gate = new WhenGate(new When(1.0, 2, 3, 0, Duration.ZERO, Optional.empty()), System.nanoTime(), 0, false);
        assertThat(pattern(gate, 12)).isEqualTo("..X..X..X..X");
        assertThat(gate.matched()).isEqualTo(12);
        assertThat(gate.acted()).isEqualTo(4);
    }

    @Test
    void timesSpendsTheRule() {
        WhenGate gate = new WhenGate(new When(1.0, 0, 1, 3, Duration.ZERO, Optional.empty()), System.nanoTime(), 0, false);
        assertThat(pattern(gate, 6)).isEqualTo("XXX...");
        assertThat(gate.spent()).isTrue();
    }

    @Test
    void aSeededGateDrawsTheSameSequenceEachTime() {
        When when = new When(0.5, 0, 1, 0, Duration.ZERO, Optional.empty());
        String first = pattern(new WhenGate(when, System.nanoTime(), 42, true), 64);
        String second = pattern(new WhenGate(when, System.nanoTime(), 42, true), 64);
        String otherSeed = pattern(new WhenGate(when, System.nanoTime(), 43, true), 64);
        assertThat(first).isEqualTo(second).isNotEqualTo(otherSeed);
        assertThat(first.chars().filter(c -> c == 'X').count()).isBetween(16L, 48L);
    }

    @Test
    void outsideItsWindowTheRuleNeitherActsNorCounts() {
        long loaded = System.nanoTime();
        WhenGate gate = new WhenGate(new When(1.0, 0, 1, 0, Duration.ofHours(1), Optional.empty()), loaded, 0, false);
        assertThat(gate.admits(loaded)).isFalse();
        assertThat(gate.matched()).isZero();
        assertThat(gate.admits(loaded + Duration.ofHours(2).toNanos())).isTrue();
    }
}
