package dev.connject.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GlobsTest {

    @Test
    void eachFieldGlobsWithItsOwnSeparator() throws InvalidRulesException {
        Match match = TestRules.read("""
                version: 1
                rules:
                  - name: r
                    match:
                      host: "*.internal"
                      path: /run/**/*.sock
                      caller: [com.example.*, org.acme.**]
                      thread: pool-?-thread-*
                    fault:
                      errno: ECONNREFUSED
                """).rules().get(0).match();

        assertThat(match.hosts()).containsExactly(new HostPattern.ForName(new Glob("*.internal", '.')));
        assertThat(match.paths()).containsExactly(new Glob("/run/**/*.sock", '/'));
        assertThat(match.callers()).isEqualTo(List.of(new Glob("com.example.*", '.'), new Glob("org.acme.**", '.')));
        assertThat(match.threads()).containsExactly(new Glob("pool-?-thread-*", (char) 0));
    }

    @Test
    void anEmptyGlobIsRefused() {
        assertThat(TestRules.problemsIn("""
                version: 1
                rules:
                  - name: r
                    match:
                      thread: ""
                    fault:
                      errno: ECONNREFUSED
                """)).containsExactly("5:15: empty glob; write * to match anything");
    }

    @Test
    void threeStarsAreRefused() {
        assertThat(TestRules.problemsIn("""
                version: 1
                rules:
                  - name: r
                    match:
                      caller: com.***.Repo
                    fault:
                      errno: ECONNREFUSED
                """)).containsExactly("5:15: '***' in 'com.***.Repo' is not a glob; write * or **");
    }
}
