package dev.connject.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordingTest {

    @Test
    void theJsonLinesFileOfAJvmHasItsProcessIdForEachPercentP() {
        assertThat(withJsonl("/var/log/%p/connects-%p.jsonl").jsonlOf(4242))
                .contains(Path.of("/var/log/4242/connects-4242.jsonl"));
        assertThat(withJsonl("/var/log/connects.jsonl").jsonlOf(4242)).contains(Path.of("/var/log/connects.jsonl"));
        assertThat(Recording.defaults().jsonlOf(4242)).isEmpty();
    }

    private static Recording withJsonl(String file) {
        Recording defaults = Recording.defaults();
        return new Recording(defaults.log(), Optional.of(Path.of(file)), 0, defaults.jsonlKeep(), defaults.jfr(),
                defaults.stack(), defaults.callers(), defaults.sample());
    }
}
