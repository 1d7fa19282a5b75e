package dev.connject.config;

import java.util.List;
import java.util.stream.Collectors;

/** Reads rules text for tests; problems come back as {@code LINE:COL: message}, short enough to compare whole. */
final class TestRules {
    static final String SOURCE = "rules.yaml";

    private TestRules() {
    }

    static RuleSet read(String yaml) throws InvalidRulesException {
        return RulesLoader.parse(yaml, SOURCE);
    }

    static List<String> problemsIn(String yaml) {
        try {
            RulesLoader.parse(yaml, SOURCE);
        } catch (InvalidRulesException e) {
            return e.problems().stream()
                    .map(problem -> problem.line() + ":" + problem.column() + ": " + problem.message())
                    .collect(Collectors.toList());
        }
        throw new AssertionError("rules were accepted:\n" + yaml);
    }
}
