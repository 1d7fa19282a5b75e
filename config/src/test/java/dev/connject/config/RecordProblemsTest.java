package dev.connject.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordProblemsTest {

    private static String record(String body) {
        return "version: 1\nrecord:\n" + body.indent(2);
    }

    @Test
    void anUnknownLogLevelNamesTheLevels() {
        assertThat(TestRules.problemsIn(record("log: warn")))
                .containsExactly("3:8: unknown log 'warn'; expected one of: off, debug, info");
    }

    @Test
    void aNegativeStackIsRefused() {
        assertThat(TestRules.problemsIn(record("stack: -1"))).containsExactly("3:10: 'stack' must be 0 or more, not -1");
    }

    @Test
    void aStackMustFitAnInt() {
        assertThat(TestRules.problemsIn(record("stack: 3000000000")))
                .containsExactly("3:10: 'stack' must be at most 2147483647, not 3000000000");
    }

    @Test
    void aJsonlPathMustBeAString() {
        assertThat(TestRules.problemsIn(record("jsonl: [a, b]")))
                .containsExactly("3:10: 'jsonl' must be a string, not a list");
        assertThat(TestRules.problemsIn(record("jsonl: true")))
                .containsExactly("3:10: 'jsonl' must be a string, not a boolean");
    }

    @Test
    void anEmptyJsonlPathIsRefused() {
        assertThat(TestRules.problemsIn(record("jsonl: ''"))).containsExactly("3:10: 'jsonl' must be a file path");
    }

    @Test
    void aBadJsonlMaxSaysHowToWriteASize() {
        assertThat(TestRules.problemsIn(record("jsonl_max: 64mb"))).containsExactly(
                "3:14: bad size '64mb'; write a number of bytes, or a whole number with KB, MB or GB, such as 64MB");
    }

    @Test
    void aNegativeJsonlKeepIsRefused() {
        assertThat(TestRules.problemsIn(record("jsonl_keep: -2")))
                .containsExactly("3:15: 'jsonl_keep' must be 0 or more, not -2");
    }

    @Test
    void aSampleOutsideZeroToOneIsRefused() {
        assertThat(TestRules.problemsIn(record("sample: 1.01")))
                .containsExactly("3:11: 'sample' must be between 0 and 1, not 1.01");
    }

    @Test
    void jfrMustBeTrueOrFalse() {
        assertThat(TestRules.problemsIn(record("jfr: yes"))).containsExactly("3:8: 'jfr' must be true or false, not a string");
    }

    @Test
    void aMisspeltRecordKeySuggestsTheNearest() {
        assertThat(TestRules.problemsIn(record("jsonl_kept: 2")))
                .containsExactly("3:3: unknown key 'jsonl_kept' (did you mean 'jsonl_keep'?)");
    }
}
