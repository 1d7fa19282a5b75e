package dev.connject.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilePermissionsTest {
    @TempDir
    Path directory;

    @BeforeEach
    void needsPosixPermissions() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    }

    @Test
    void aFileWritableByOthersIsRefused() throws IOException {
        Path file = rulesFile("rw-rw-rw-");

        InvalidRulesException refusal = catchThrowableOfType(InvalidRulesException.class, () -> RulesLoader.load(file));

        assertThat(refusal.problems()).containsExactly(new Problem(file.toString(), 1, 1,
                "refused: writable by group or others; run chmod go-w " + file));
    }

    @Test
    void aFileWritableByItsGroupIsRefused() throws IOException {
        Path file = rulesFile("rw-rw-r--");

        assertThat(catchThrowableOfType(InvalidRulesException.class, () -> RulesLoader.load(file)))
                .hasMessageEndingWith("refused: writable by group or others; run chmod go-w " + file);
    }

    @Test
    void aFileOnlyItsOwnerMayWriteLoads() throws IOException, InvalidRulesException {
        Path file = rulesFile("rw-------");

        RuleSet rules = RulesLoader.load(file);

        assertThat(rules.source()).isEqualTo(file.toString());
        assertThat(rules.text()).isEqualTo(Files.readString(file));
    }

    @Test
    void aRelativeJsonlIsResolvedAgainstTheRulesFilesDirectory() throws IOException, InvalidRulesException {
        Path file = rulesFile("rw-r--r--");

        assertThat(RulesLoader.load(file).recording().jsonl()).contains(directory.resolve("logs/connects.jsonl"));
    }

    @Test
    void aRelativeJsonlIsKeptAsWrittenWhenParsedFromText() throws InvalidRulesException {
        assertThat(TestRules.read("version: 1\nrecord:\n  jsonl: logs/connects.jsonl\n").recording().jsonl())
                .contains(Path.of("logs/connects.jsonl"));
    }

    @Test
    void aFileThatIsNotUtf8IsRefused() throws IOException {
        Path file = directory.resolve("latin1.yaml");
        Files.write(file, new byte[] {'#', ' ', (byte) 0xe9, '\n'});
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        assertThat(catchThrowableOfType(InvalidRulesException.class, () -> RulesLoader.load(file)).problems())
                .containsExactly(new Problem(file.toString(), 1, 1, "not UTF-8 text; save the file as UTF-8"));
    }

    private Path rulesFile(String permissions) throws IOException {
        Path file = directory.resolve("rules.yaml");
        Files.writeString(file, "version: 1\nrecord:\n  jsonl: logs/connects.jsonl\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }
}
