package dev.connject.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RuleProblemsTest {

    @Test
    void aRuleNeedsAName() {
        assertThat(TestRules.problemsIn("""
                version: 1
                rules:
                  - fault:
                      errno: ECONNREFUSED
                """)).containsExactly("3:5: rule has no 'name'; give each rule a unique one");
    }

    @Test
    void aNameMustNotBeEmpty() {
        assertThat(TestRules.problemsIn("""
                version: 1
                rules:
                  - name: ""
                    fault:
                      errno: ECONNREFUSED
                """)).containsExactly("3:11: 'name' must not be empty");
    }

    @Test
    void aDuplicateNameIsReportedAtTheSecondWithTheLineOfTheFirst() {
        assertThat(TestRules.problemsIn("""
                version: 1
                rules:
                  - name: db
                    fault:
                      errno: ECONNREFUSED
                  - name: db
                    fault:
                      errno: ECONNRESET
                """)).containsExactly("6:11: duplicate rule name 'db' (first at line 3)");
    }

    @Test
    void aRuleNeedsAFault() {
        assertThat(TestRules.problemsIn("""
                version: 1
                rules:
                  - name: db
                    match:
                      host: db.internal
                """)).containsExactly("3:5: rule has no 'fault'; give it errno, timeout or delay");
    }

    @Test
    void aRuleMustBeAMapping() {
        assertThat(TestRules.problemsIn("version: 1\nrules:\n  - db\n"))
                .containsExactly("3:5: a rule must be a mapping with 'name' and 'fault', not a string");
    }

    @Test
    void aMisspeltRuleKeySuggestsTheNearest() {
        assertThat(TestRules.problemsIn("""
                version: 1
                rules:
                  - name: db
                    fault:
                      errno: ECONNREFUSED
                    wen:
                      times: 1
                """)).containsExactly("6:5: unknown key 'wen' (did you mean 'when'?)");
    }
}
