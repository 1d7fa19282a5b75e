package dev.connject.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events reads connject's JSON Lines event files, and fails on any line that is not one JSON object. */
class EventsTest {

    private static final String REFUSED = "{\"time\":\"2025-06-24T10:00:00.000001Z\",\"id\":1,\"pid\":4242,"
            + "\"api\":\"Socket.connect\",\"remote\":\"127.0.0.1:8080\",\"timeout_ms\":1000,\"result\":\"refused\","
            + "\"errno\":111,\"error\":\"java.net.ConnectException: Connection refused\","
            + "\"syscalls\":[{\"call\":\"connect\",\"result\":\"EINPROGRESS\"},"
            + "{\"call\":\"so_error\",\"result\":\"ECONNREFUSED\"}],\"injected\":false,\"rule\":null}";
    private static final String CONNECTED = "{\"id\":2,\"result\":\"connected\",\"errno\":null,"
            + "\"syscalls\":[{\"call\":\"connect\",\"result\":\"0\"}]}";

    @TempDir
    Path directory;

    @Test
    void readsEachLineAsAnEventWithItsFieldsInOrder() throws IOException {
        List<Map<String, Object>> events = Events.read(write(REFUSED + "\n" + CONNECTED + "\n"));

        assertThat(events).hasSize(2);
        assertThat(events.get(0).keySet()).containsExactly("time", "id", "pid", "api", "remote", "timeout_ms",
                "result", "errno", "error", "syscalls", "injected", "rule");
        assertThat(events.get(0))
                .containsEntry("errno", 111)
                .containsEntry("injected", false)
                .containsEntry("rule", null)
                .containsEntry("syscalls", List.of(
                        Map.of("call", "connect", "result", "EINPROGRESS"),
                        Map.of("call", "so_error", "result", "ECONNREFUSED")));
        assertThat(events.get(1)).containsEntry("errno", null).containsEntry("result", "connected");
    }

    @Test
    void readsAnEmptyFileAsNoEvents() throws IOException {
        assertThat(Events.read(write(""))).isEmpty();
    }

    @Test
    void failsNamingTheLineThatIsNotJson() throws IOException {
        Path events = write(REFUSED + "\n{\"id\":2,\"result\":\n" + CONNECTED + "\n");

        assertThatThrownBy(() -> Events.read(events))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith(events + " line 2 is not a JSON object");
    }

    @Test
    void failsOnAnEmptyLine() throws IOException {
        Path events = write(REFUSED + "\n\n" + CONNECTED + "\n");

        assertThatThrownBy(() -> Events.read(events)).hasMessageStartingWith(events + " line 2 is not a JSON object");
    }

    @Test
    void failsOnTwoEventsOnOneLine() throws IOException {
        Path events = write(CONNECTED + CONNECTED + "\n");

        assertThatThrownBy(() -> Events.read(events)).hasMessageStartingWith(events + " line 1 is not a JSON object");
    }

    @Test
    void failsOnALineOfJsonThatIsNoObject() throws IOException {
        Path events = write("[1, 2]\n");

        assertThatThrownBy(() -> Events.read(events)).hasMessageStartingWith(events + " line 1 is not a JSON object");
    }

    @Test
    void failsOnALineOfNull() throws IOException {
        Path events = write("null\n");

        assertThatThrownBy(() -> Events.read(events)).hasMessageStartingWith(events + " line 1 is null");
    }

    private Path write(String events) throws IOException {
        return Files.writeString(directory.resolve("events.jsonl"), events);
    }
}
