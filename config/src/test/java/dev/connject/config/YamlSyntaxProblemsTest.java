package dev.connject.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class YamlSyntaxProblemsTest {

    @Test
    void aSyntaxErrorIsOneProblemWhereTheParserStopped() {
        assertThat(TestRules.problemsIn("""
                version: 1
                rules: [one, two
                mode: inject
                """)).containsExactly("3:5: YAML syntax: expected ',' or ']', but got : "
                + "(while parsing a flow sequence at line 2, column 8)");
    }

    @Test
    void aTabIndentIsASyntaxError() {
        assertThat(TestRules.problemsIn("version: 1\n\tmode: inject\n")).singleElement().asString()
                .startsWith("2:1: YAML syntax: found character '\\t(TAB)' that cannot start any token");
    }

    @Test
    void anEmptyFileNeedsAVersion() {
        assertThat(TestRules.problemsIn("# nothing yet\n"))
                .containsExactly("1:1: the file is empty; it needs at least 'version: 1'");
    }

    @Test
    void theTopLevelMustBeAMapping() {
        assertThat(TestRules.problemsIn("- version: 1\n"))
                .containsExactly("1:1: the top level must be a mapping with 'version: 1', not a list");
    }

    @Test
    void aSecondDocumentIsRefused() {
        assertThat(TestRules.problemsIn("version: 1\n---\nversion: 1\n")).singleElement().asString()
                .startsWith("2:1: YAML syntax: but found another document");
    }

    @Test
    void aKeyGivenTwiceIsReportedAtTheSecond() {
        assertThat(TestRules.problemsIn("version: 1\nmode: inject\nmode: off\n"))
                .containsExactly("3:1: duplicate key 'mode' (first at line 2)");
    }

    @Test
    void aKeyMustBeAName() {
        assertThat(TestRules.problemsIn("version: 1\n? [a, b]\n: 1\n"))
                .containsExactly("2:3: a key must be a name, not a list");
    }

    @Test
    void anUndefinedAliasIsASyntaxError() {
        assertThat(TestRules.problemsIn("version: 1\nmode: *m\n"))
                .containsExactly("2:7: YAML syntax: found undefined alias m");
    }
}
