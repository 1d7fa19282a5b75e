package dev.connject.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TwentyMistakesTest {
    private static final String TWENTY_MISTAKES = """
            version: 2
            mode: chaos
            seed: "42"
            record:
              log: warn
              jsonl_max: 64XB
              sample: 1.5
            rules:
              - name: db-down
                match:
                  host: ["10.0.0.1/8", "db internal"]
                  port: [0, "9000-8000"]
                  protocol: sctp
                fault:
                  errnoo: ECONNREFUSED
                  delay: 1s
              - name: db-down
                fault:
                  errno: EFOO
                  timeout: 30s
                when:
                  probability: 2
                  every: 0
                  from: 5x
              - match:
                  caller: "com.***"
                fault:
                  delay: 100ms
            """;

    @Test
    void aFileWithTwentyMistakesReportsTwentyLocatedProblems() {
        InvalidRulesException refusal = catchThrowableOfType(InvalidRulesException.class,
                () -> RulesLoader.parse(TWENTY_MISTAKES, "twenty.yaml"));

        List<Problem> problems = refusal.problems();
        assertThat(problems.stream().map(problem -> problem.line() + ":" + problem.column()).collect(Collectors.toList()))
                .containsExactly("1:10", "2:7", "3:7", "5:8", "6:14", "7:11", "11:14", "11:28", "12:14", "12:17",
                        "13:17", "15:7", "17:11", "19:14", "20:16", "22:20", "23:14", "24:13", "25:5", "26:15");
        assertThat(problems).extracting(Problem::message).zipSatisfy(List.of(
                "unsupported version 2",
                "unknown mode 'chaos'",
                "'seed' must be an integer, not a string",
                "unknown log 'warn'",
                "bad size '64XB'",
                "'sample' must be between 0 and 1, not 1.5",
                "10.0.0.1/8 has host bits set; did you mean 10.0.0.0/8?",
                "bad host name 'db internal'",
                "port 0 is not a destination port",
                "port range '9000-8000' is reversed",
                "unknown protocol 'sctp'",
                "unknown key 'errnoo' (did you mean 'errno'?)",
                "duplicate rule name 'db-down' (first at line 9)",
                "unknown errno 'EFOO'",
                "'errno' and 'timeout' exclude each other",
                "'probability' must be between 0 and 1, not 2",
                "'every' must be 1 or more, not 0",
                "bad duration '5x'",
                "rule has no 'name'",
                "'***' in 'com.***' is not a glob"),
                (message, says) -> assertThat(message).contains(says));
        assertThat(refusal.getMessage().lines()).hasSize(20).first().asString()
                .isEqualTo("twenty.yaml:1:10: unsupported version 2; this connject reads version 1");
    }
}
