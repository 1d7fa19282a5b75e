package dev.connject.agent.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connject.agent.safety.InternalErrors;
import dev.connject.config.Recording;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With {@code record.sample} below 1, the JSON Lines file and the log want the caller, read where
 * an attempt starts, only of the attempts they would write if they succeeded; a {@code watch}
 * shows every attempt, and so wants every caller.
 */
class RecorderCallersTest {

    private static final double SAMPLE = 0.25;

    private final Recorder recorder = new Recorder(new Recording(Recording.EventLog.OFF,
            Optional.of(Path.of("never-written.jsonl")), 0, 1, false, 0, Recording.Callers.ALL, SAMPLE),
            new InternalErrors());

    @AfterEach
    void close() throws InterruptedException {
        recorder.close();
    }

    @Test
    void theSinksWantTheCallerOnlyOfAttemptsTheyWouldWrite() {
        assertThat(recorder.callerFrames(true)).isEqualTo(1);
        assertThat(recorder.callerFrames(false)).isZero();
    }

    @Test
    void aWatchWantsTheCallerOfEveryAttempt() {
        recorder.addListener(line -> {
        });

        assertThat(recorder.callerFrames(false)).isEqualTo(1);
    }

    @Test
    void aboutTheSampleOfAttemptsAreWrittenIfTheySucceed() {
        long sampled = IntStream.range(0, 20_000).filter(i -> recorder.sampleSuccess()).count();

        assertThat(sampled).isBetween(4_500L, 5_500L);
    }
}
