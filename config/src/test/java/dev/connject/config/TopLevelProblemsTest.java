package dev.connject.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopLevelProblemsTest {

    @Test
    void aMissingVersionIsReportedAtTheTopLevel() {
        assertThat(TestRules.problemsIn("# rules\nmode: inject\n")).containsExactly("2:1: missing 'version: 1'");
    }

    @Test
    void onlyVersionOneExists() {
        assertThat(TestRules.problemsIn("version: 2\n"))
                .containsExactly("1:10: unsupported version 2; this connject reads version 1");
    }

    @Test
    void aVersionMustBeAnInteger() {
        assertThat(TestRules.problemsIn("version: \"1\"\n"))
                .containsExactly("1:10: 'version' must be an integer, not a string");
    }

    @Test
    void anUnknownModeNamesTheModes() {
        assertThat(TestRules.problemsIn("version: 1\nmode: chaos\n"))
                .containsExactly("2:7: unknown mode 'chaos'; expected one of: inject, dry-run, off");
    }

    @Test
    void aMisspeltModeSuggestsTheNearest() {
        assertThat(TestRules.problemsIn("version: 1\nmode: dryrun\n"))
                .containsExactly("2:7: unknown mode 'dryrun' (did you mean 'dry-run'?)");
    }

    @Test
    void aSeedMustBeAnInteger() {
        assertThat(TestRules.problemsIn("version: 1\nseed: 4.2\n"))
                .containsExactly("2:7: 'seed' must be an integer, not a decimal number");
    }

    @Test
    void aSeedMustFitInSixtyFourBits() {
        assertThat(TestRules.problemsIn("version: 1\nseed: 99999999999999999999\n"))
                .containsExactly("2:7: 99999999999999999999 is too large for a 64-bit integer");
    }

    @Test
    void rulesMustBeAList() {
        assertThat(TestRules.problemsIn("version: 1\nrules:\n  name: r\n"))
                .containsExactly("3:3: 'rules' must be a list of rules, not a mapping");
    }

    @Test
    void anUnknownKeyNamesTheAllowedOnes() {
        assertThat(TestRules.problemsIn("version: 1\nrulez: []\n"))
                .containsExactly("2:1: unknown key 'rulez' (did you mean 'rules'?)");
        assertThat(TestRules.problemsIn("version: 1\nfaults: []\n"))
                .containsExactly("2:1: unknown key 'faults'; expected one of: version, mode, seed, record, rules");
    }
}
