package dev.connject.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemReportTest {

    @Test
    void aProblemPrintsAsSourceLineColumnMessage() {
        assertThat(new Problem("rules.yaml", 3, 14, "unknown errno 'EFOO'"))
                .hasToString("rules.yaml:3:14: unknown errno 'EFOO'");
    }

    @Test
    void aRefusalListsEveryProblemOnALineOfItsOwn() {
        Problem first = new Problem("rules.yaml", 1, 10, "unsupported version 2; this connject reads version 1");
        Problem second = new Problem("rules.yaml", 2, 7, "unknown mode 'chaos'");

        InvalidRulesException refusal = new InvalidRulesException(List.of(first, second));

        assertThat(refusal.problems()).containsExactly(first, second);
        assertThat(refusal).hasMessage("rules.yaml:1:10: unsupported version 2; this connject reads version 1\n"
                + "rules.yaml:2:7: unknown mode 'chaos'");
    }

    @Test
    void problemsComeInFileOrderWhateverTheOrderOfTheKeys() {
        assertThat(TestRules.problemsIn("""
                rules:
                  - name: r
                    when:
                      skip: -1
                    fault:
                      errno: EFOO
                version: 2
                """)).extracting(problem -> problem.substring(0, problem.indexOf(' ')))
                .containsExactly("4:13:", "6:14:", "7:10:");
    }
}
