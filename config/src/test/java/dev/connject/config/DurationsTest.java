package dev.connject.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void eachUnitIsUnderstood() {
        assertThat(Durations.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Durations.parseDuration("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Durations.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void zeroAloneNeedsNoUnit() {
        assertThat(Durations.parseDuration("0")).isZero();
        assertThat(Durations.parseDuration("0ms")).isZero();
    }

    @Test
    void aBareNumberIsRefusedWithTheUnitsItCouldHaveMeant() {
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parseDuration("30"))
                .withMessage("duration '30' needs a unit: 30ms, 30s, 30m or 30h");
    }

    @Test
    void fractionsSpacesSignsAndOtherUnitsAreRefused() {
        for (String text : new String[] {"1.5s", "2 s", "-2s", "2d", "2S", "", "s"}) {
            assertThatIllegalArgumentException().isThrownBy(() -> Durations.parseDuration(text))
                    .withMessage("bad duration '" + text + "'; write a whole number and a unit: 250ms, 2s, 5m or 1h");
        }
    }

    @Test
    void aDurationTooLongForJavaIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parseDuration("99999999999999999999h"))
                .withMessage("duration '99999999999999999999h' is too long");
    }

    @Test
    void aSingleDelayIsFixed() {
        assertThat(Durations.parseDelay("200ms")).isEqualTo(DelayRange.fixed(Duration.ofMillis(200)));
    }

    @Test
    void aDelayRangeSpansTwoDurations() {
        assertThat(Durations.parseDelay("100ms-2s")).isEqualTo(new DelayRange(Duration.ofMillis(100), Duration.ofSeconds(2)));
    }

    @Test
    void aReversedDelayRangeIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> Durations.parseDelay("2s-100ms"))
                .withMessage("delay range '2s-100ms' is reversed; write the shorter delay first");
    }

    @Test
    void aDelayRangeWithABadEndIsRefused() {
        for (String text : new String[] {"-1s", "1s-", "1s-2", "1s-2s-3s"}) {
            assertThatIllegalArgumentException().isThrownBy(() -> Durations.parseDelay(text))
                    .withMessageStartingWith("bad delay range '" + text + "'");
        }
    }
}
