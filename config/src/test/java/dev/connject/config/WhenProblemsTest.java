package dev.connject.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WhenProblemsTest {

    private static String when(String body) {
        return "version: 1\nrules:\n  - name: r\n    fault:\n      errno: EPERM\n    when:\n" + body.indent(6);
    }

    @Test
    void aProbabilityAboveOneIsRefused() {
        assertThat(TestRules.problemsIn(when("probability: 2")))
                .containsExactly("7:20: 'probability' must be between 0 and 1, not 2");
    }

    @Test
    void aNegativeProbabilityIsRefused() {
        assertThat(TestRules.problemsIn(when("probability: -0.1")))
                .containsExactly("7:20: 'probability' must be between 0 and 1, not -0.1");
    }

    @Test
    void aProbabilityMustBeANumber() {
        assertThat(TestRules.problemsIn(when("probability: half")))
                .containsExactly("7:20: 'probability' must be a number, not a string");
    }

    @Test
    void aNegativeSkipIsRefused() {
        assertThat(TestRules.problemsIn(when("skip: -1"))).containsExactly("7:13: 'skip' must be 0 or more, not -1");
    }

    @Test
    void aNegativeTimesIsRefused() {
        assertThat(TestRules.problemsIn(when("times: -3"))).containsExactly("7:14: 'times' must be 0 or more, not -3");
    }

    @Test
    void everyMustBeAtLeastOne() {
        assertThat(TestRules.problemsIn(when("every: 0"))).containsExactly("7:14: 'every' must be 1 or more, not 0");
    }

    @Test
    void aBadFromIsRefused() {
        assertThat(TestRules.problemsIn(when("from: soon"))).containsExactly(
                "7:13: bad duration 'soon'; write a whole number and a unit: 250ms, 2s, 5m or 1h");
    }

    @Test
    void aWindowOfNoLengthIsRefused() {
        assertThat(TestRules.problemsIn(when("for: 0"))).containsExactly("7:12: 'for' must be longer than 0");
    }

    @Test
    void aWhenMustBeAMapping() {
        assertThat(TestRules.problemsIn(when("- times: 1")))
                .containsExactly("7:7: 'when' must be a mapping, not a list");
    }
}
