package dev.connject.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The loader and the JSON Schema describe one format: every example must satisfy both, and a
 * file one refuses the other must refuse too. The schema is checked by an independent validator.
 * Jackson reads YAML 1.1, where a bare {@code off} or {@code yes} is a boolean; the loader reads
 * YAML 1.2, where they are strings. The examples use no such word, so both read them alike.
 */
class ExamplesAgreeWithSchemaTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonSchemaFactory DRAFT_2020_12 = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private static JsonSchema schema;

    @BeforeAll
    static void readSchema() throws IOException {
        try (InputStream in = Files.newInputStream(moduleDirectory().resolve("rules.schema.json"))) {
            schema = DRAFT_2020_12.getSchema(in);
        }
    }

    @Test
    void theSchemaIsAValidDraft202012Schema() throws IOException {
        JsonSchema metaSchema = DRAFT_2020_12.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

        assertThat(metaSchema.validate(YAML.readTree(moduleDirectory().resolve("rules.schema.json").toFile()))).isEmpty();
    }

    @Test
    void everyKindOfFaultHasAnExample() throws IOException {
        assertThat(examples()).extracting(file -> file.getFileName().toString()).contains(
                "refuse.yaml", "unreachable.yaml", "net-unreachable.yaml", "reset.yaml", "blackhole.yaml",
                "latency.yaml", "slow-refusal.yaml", "caller-and-thread.yaml", "window.yaml", "dry-run.yaml",
                "record-only.yaml");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void anExampleSatisfiesTheLoaderAndTheSchema(Path example) throws IOException, InvalidRulesException {
        String text = Files.readString(example);

        assertThat(RulesLoader.parse(text, example.toString()).version()).isEqualTo(1);
        assertThat(schemaProblems(text)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void anExampleStartsWithACommentSayingWhatItShows(Path example) throws IOException {
        assertThat(Files.readString(example)).startsWith("# Shows: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        """
        version: 1
        rules:
          - name: r
            fault:
              errno: ECONNREFUSED
              retries: 3
        """,
        """
        version: 1
        rules:
          - name: r
            fault:
              errno: EWHATEVER
        """,
        """
        version: 1
        rules:
          - name: r
            fault:
              errno: ECONNREFUSED
            when:
              probability: 2
        """,
        """
        version: 1
        rules:
          - name: r
            fault:
              errno: ECONNREFUSED
              timeout: 30s
        """
    })
    void aFileTheLoaderRefusesTheSchemaRefusesToo(String text) throws IOException {
        assertThatExceptionOfType(InvalidRulesException.class).isThrownBy(() -> RulesLoader.parse(text, "bad.yaml"));
        assertThat(schemaProblems(text)).isNotEmpty();
    }

    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(moduleDirectory().resolve("examples"))) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().collect(Collectors.toList());
        }
    }

    private static Set<ValidationMessage> schemaProblems(String yaml) throws IOException {
        JsonNode document = YAML.readTree(yaml);
        return schema.validate(document);
    }

    /** Surefire runs in the module directory and says so in {@code basedir}; an IDE may run elsewhere. */
    private static Path moduleDirectory() {
        Path basedir = Path.of(System.getProperty("basedir", "."));
        return Files.isDirectory(basedir.resolve("examples")) ? basedir : Path.of("config");
    }
}
