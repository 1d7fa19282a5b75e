package dev.connject.injector.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the injector says without any target JVM: usage, help, and the checking of rules files. */
class CommandLineIT {

    private static final String VALID = """
            version: 1
            rules:
              - name: refuse-db
                match:
                  port: 5432
                fault:
                  errno: ECONNREFUSED
            """;

    private final Injector injector = Injector.onTestJdk();

    @TempDir
    Path directory;

    @Test
    void withoutArgumentsPrintsTheUsageOnStandardErrorAndExitsTwo() {
        InjectorRun run = injector.run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).startsWith("usage: java -jar connject.jar <command> [arguments]");
    }

    @Test
    void helpListsEveryCommandAndTheDynamicAgentWarning() {
        InjectorRun help = injector.run("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.stdout()).contains("  list ", "  attach PID [--rules FILE] ", "  apply PID FILE ",
                "  clear PID ", "  status PID [--json] ", "  watch PID [--json] [--count N] ", "  detach PID ",
                "  validate FILE ", "WARNING: A Java agent has\nbeen loaded dynamically",
                "-XX:+EnableDynamicAgentLoading");
    }

    @ParameterizedTest
    @ValueSource(strings = {"list", "attach", "apply", "clear", "status", "watch", "detach", "validate"})
    void everyCommandHasHelp(String command) {
        InjectorRun help = injector.run(command, "--help");

        assertThat(help.exitCode()).as(help.describe()).isZero();
        assertThat(help.stdout()).startsWith("usage: java -jar connject.jar " + command);
    }

    @Test
    void anUnknownCommandIsBadInput() {
        InjectorRun run = injector.run("inject", "42");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.stderrLines()).containsExactly("connject: unknown command 'inject'",
                "connject: the commands are list, attach, apply, clear, status, watch, detach, validate;"
                        + " java -jar connject.jar --help describes them");
    }

    @Test
    void aMissingOrMalformedPidIsBadInput() {
        InjectorRun missing = injector.run("attach");
        InjectorRun malformed = injector.run("status", "twelve");

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderrLines()).containsExactly("connject: attach: missing arguments",
                "connject: usage: java -jar connject.jar attach PID [--rules FILE]"
                        + "  (java -jar connject.jar attach --help)");
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.stderrLines().get(0)).isEqualTo("connject: status: 'twelve' is not a process id");
    }

    @Test
    void validateSummarizesAValidFile() throws IOException {
        Path rules = write("valid.yaml", VALID, "rw-------");

        InjectorRun validate = injector.run("validate", rules.toString());

        assertThat(validate.exitCode()).as(validate.describe()).isZero();
        assertThat(validate.stdout()).isEqualTo(rules + ": valid, 1 rule (refuse-db), mode inject\n");
    }

    @Test
    void validatePrintsEveryProblemWhereItIs() throws IOException {
        Path rules = write("invalid.yaml", """
                version: 1
                rules:
                  - name: refuse-db
                    match:
                      port: 5432
                      hots: db.internal
                    fault:
                      errno: ECONNREFUSED
                    when:
                      probability: 2
                """, "rw-------");

        InjectorRun validate = injector.run("validate", rules.toString());

        assertThat(validate.exitCode()).isEqualTo(2);
        assertThat(validate.stdout()).isEmpty();
        assertThat(validate.stderrLines()).hasSize(3);
        assertThat(validate.stderrLines().get(0)).startsWith(rules + ":6:7: ").contains("hots");
        assertThat(validate.stderrLines().get(1)).startsWith(rules + ":10:20: ").contains("probability");
        assertThat(validate.stderrLines().get(2))
                .isEqualTo("connject: 2 problems in " + rules + "; the agent would refuse this file");
    }

    @Test
    void validateRefusesAFileOthersMayWrite() throws IOException {
        Path rules = write("shared.yaml", VALID, "rw-rw-r--");

        InjectorRun validate = injector.run("validate", rules.toString());

        assertThat(validate.exitCode()).isEqualTo(2);
        assertThat(validate.stderrLines().get(0))
                .isEqualTo(rules + ":1:1: refused: writable by group or others; run chmod go-w " + rules);
    }

    @Test
    void attachChecksTheRulesFileBeforeLookingForTheJvm() throws IOException {
        Path rules = write("shared.yaml", VALID, "rw-rw-rw-");

        InjectorRun attach = injector.run("attach", "1", "--rules", rules.toString());

        assertThat(attach.exitCode()).isEqualTo(2);
        assertThat(attach.stderrLines()).last().isEqualTo("connject: 1 problem in " + rules + "; JVM 1 was left alone");
    }

    @Test
    void aMissingRulesFileIsBadInput() {
        Path missing = directory.resolve("missing.yaml");

        InjectorRun validate = injector.run("validate", missing.toString());

        assertThat(validate.exitCode()).isEqualTo(2);
        assertThat(validate.stderrLines()).containsExactly("connject: no rules file " + missing,
                "connject: check the path");
    }

    private Path write(String name, String yaml, String permissions) throws IOException {
        Path file = Files.writeString(directory.resolve(name), yaml);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }
}
