package dev.connject.agent.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connject.config.Glob;
import org.junit.jupiter.api.Test;

class GlobMatcherTest {

    private static boolean matches(String glob, char separator, boolean ignoreCase, String text) {
        return new GlobMatcher(new Glob(glob, separator), ignoreCase).matches(text);
    }

    @Test
    void aStarStaysWithinOneLabelOfAHostName() {
        assertThat(matches("*.payments.svc", '.', true, "db.payments.svc")).isTrue();
        assertThat(matches("*.payments.svc", '.', true, "a.b.payments.svc")).isFalse();
        assertThat(matches("**.payments.svc", '.', true, "a.b.payments.svc")).isTrue();
    }

    @Test
    void hostNamesCompareWithoutCase() {
        assertThat(matches("db.internal", '.', true, "DB.Internal")).isTrue();
        assertThat(matches("DB.*", '.', true, "db.internal")).isTrue();
    }

    @Test
    void aDoubleStarCrossesPackagesOfACaller() {
        assertThat(matches("com.example.billing.**", '.', false, "com.example.billing.Repo")).isTrue();
        assertThat(matches("com.example.billing.**", '.', false, "com.example.billing.jdbc.Pool")).isTrue();
        assertThat(matches("com.example.billing.*", '.', false, "com.example.billing.jdbc.Pool")).isFalse();
        assertThat(matches("com.example.billing.**", '.', false, "com.example.shipping.Repo")).isFalse();
    }

    @Test
    void aThreadGlobHasNoSeparator() {
        assertThat(matches("http-nio-*", (char) 0, false, "http-nio-8080-exec-1")).isTrue();
        assertThat(matches("http-nio-?", (char) 0, false, "http-nio-1")).isTrue();
        assertThat(matches("http-nio-?", (char) 0, false, "http-nio-12")).isFalse();
    }

    @Test
    void nothingMatchesAnAbsentText() {
        assertThat(matches("*", '.', true, null)).isFalse();
    }
}
