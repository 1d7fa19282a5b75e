package dev.connject.injector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

    @Test
    void readsWhatTheAgentWrites() {
        Map<String, Object> object = JsonReader.object("{\"a\":\"x\\\"y\\u0041\\n\",\"b\":-12,\"c\":1.5,\"d\":true,"
                + "\"e\":null,\"f\":[{\"g\":[]},{}],\"h\":{\"i\":false}}");

        assertThat(object).containsEntry("a", "x\"yA\n").containsEntry("b", -12L).containsEntry("c", 1.5)
                .containsEntry("d", true).containsEntry("e", null)
                .containsEntry("f", List.of(Map.of("g", List.of()), Map.of()))
                .containsEntry("h", Map.of("i", false));
        assertThat(object.keySet()).containsExactly("a", "b", "c", "d", "e", "f", "h");
    }

    @Test
    void refusesWhatIsNotOneObject() {
        assertThatThrownBy(() -> JsonReader.object("[1]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonReader.object("{} {}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonReader.object("{\"a\":}")).isInstanceOf(IllegalArgumentException.class);
    }
}
