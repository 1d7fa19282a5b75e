package dev.connject.injector.it;

import dev.connject.testkit.RulesFile;
import java.nio.file.Path;

/** Rules files for the tests, writable by their owner only, as the agent requires. */
final class RulesFiles {

    /** The name of the rule that {@link #refusing} writes. */
    static final String REFUSING_RULE = "refuse-loop";

    private RulesFiles() {
    }

    /**
     * A rules file that refuses, with ECONNREFUSED, every {@code every}th connect to {@code port}
     * on the loopback: with 2, the target's outcomes alternate.
     */
    static Path refusing(Path directory, String fileName, int port, int every) {
        return write(directory, fileName, """
                version: 1
                rules:
                  - name: %s
                    match:
                      host: 127.0.0.1
                      port: %d
                    fault:
                      errno: ECONNREFUSED
                    when:
                      every: %d
                """.formatted(REFUSING_RULE, port, every));
    }

    static Path write(Path directory, String fileName, String yaml) {
        return RulesFile.write(directory.resolve(fileName), yaml);
    }
}
