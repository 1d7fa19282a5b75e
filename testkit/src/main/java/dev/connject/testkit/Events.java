package dev.connject.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** connject's event files: JSON Lines, one event, a JSON object, a line. */
public final class Events {

    /** One JSON object per line, and nothing after it: two objects on one line are a broken file too. */
    private static final ObjectReader EVENT = new ObjectMapper()
            .readerFor(new TypeReference<Map<String, Object>>() { })
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Events() {
    }

    /**
     * The events in {@code jsonl}, in file order, each a map from field name to value in field order: strings,
     * numbers, booleans, nulls, lists and maps as Jackson reads them.
     *
     * @throws AssertionError if a line is not a JSON object, naming the line; an empty line included
     */
    public static List<Map<String, Object>> read(Path jsonl) {
        List<String> lines;
        try {
            lines = Files.readAllLines(jsonl, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read events " + jsonl, e);
        }
        List<Map<String, Object>> events = new ArrayList<>(lines.size());
        for (int index = 0; index < lines.size(); index++) {
            events.add(Collections.unmodifiableMap(event(jsonl, index + 1, lines.get(index))));
        }
        return List.copyOf(events);
    }

    private static Map<String, Object> event(Path jsonl, int lineNumber, String line) {
        try {
            Map<String, Object> event = EVENT.readValue(line);
            if (event == null) {
                throw new AssertionError(jsonl + " line " + lineNumber + " is null, not an event");
            }
            return event;
        } catch (JsonProcessingException e) {
            throw new AssertionError(jsonl + " line " + lineNumber + " is not a JSON object: "
                    + e.getOriginalMessage() + "\n" + line, e);
        }
    }
}
