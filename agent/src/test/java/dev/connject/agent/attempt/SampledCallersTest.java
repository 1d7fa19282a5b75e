package dev.connject.agent.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connject.agent.safety.InternalErrors;
import java.io.FileDescriptor;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sun.nio.ch.ConnjectHooks;

/**
 * {@code record.sample} is decided where an attempt starts, so that a success left out of it
 * costs no stack read: its caller is read only if it fails, where the failure reaches the
 * application, which for a blocking connect is the call that started it. The hooks are driven as
 * the JDK drives them for a {@code Socket}, around no real connect(2).
 */
class SampledCallersTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int PORT = 5432;

    private final RecordingSink sink = new RecordingSink();
    private final InternalErrors errors = new InternalErrors();
    private final AttemptTracker tracker = new AttemptTracker(errors, ConnectPolicy.NONE, sink);

    /** The hooks report their own failures instead of throwing them: a test would not see one otherwise. */
    @AfterEach
    void hooksFailedNowhere() {
        assertThat(errors.counts()).isEmpty();
    }

    @Test
    void aSuccessLeftOutOfTheSampleHasNoCallerRead() throws IOException {
        sink.sampled = false;

        connectSocket(null);

        assertThat(sink.successWritten).containsExactly(false);
        assertThat(sink.sampledOnes).containsExactly(false);
        assertThat(sink.callers).hasSize(1);
        assertThat(sink.callers.get(0)).isNull();
    }

    @Test
    void aSuccessInTheSampleHasItsCallerRead() throws IOException {
        sink.sampled = true;

        connectSocket(null);

        assertThat(sink.successWritten).containsExactly(true);
        assertThat(sink.sampledOnes).containsExactly(true);
        assertThat(sink.callers.get(0)).isNotEmpty();
    }

    @Test
    void aFailureLeftOutOfTheSampleHasItsCallerReadWhereItFails() throws IOException {
        sink.sampled = false;

        connectSocket(new ConnectException("Connection refused"));

        assertThat(sink.successWritten).containsExactly(false);
        assertThat(sink.failureCallersAsked).isEqualTo(1);
        assertThat(sink.callers.get(0)).isNotEmpty();
    }

    @Test
    void anAttemptThatHandsItsOutcomeOffHasItsCallerReadWhereItStarts() throws IOException {
        sink.sampled = false;
        try (SocketChannel nonBlocking = SocketChannel.open()) {
            nonBlocking.configureBlocking(false);

            tracker.begin(ConnjectHooks.API_CHANNEL, nonBlocking, new InetSocketAddress(LOOPBACK, PORT), 0);
            tracker.closed(nonBlocking);
        }

        assertThat(sink.successWritten).containsExactly(true);
    }

    /** The hooks of a blocking {@code Socket} connect that succeeds, or fails with {@code failure}. */
    private void connectSocket(IOException failure) throws IOException {
        tracker.begin(ConnjectHooks.API_SOCKET, this, new InetSocketAddress(LOOPBACK, PORT), 0);
        tracker.connect(StandardProtocolFamily.INET, new FileDescriptor(), LOOPBACK, PORT);
        if (failure == null) {
            tracker.connectReturned(1);
            tracker.returned(ConnjectHooks.CONNECTED);
        } else {
            tracker.connectThrew(failure);
            tracker.threw(failure);
        }
    }

    /** Decides the sample as told, wants every caller of what it writes, and keeps what it was given. */
    private static final class RecordingSink implements AttemptSink {
        boolean sampled;
        final List<Boolean> successWritten = new ArrayList<>();
        int failureCallersAsked;
        final List<Boolean> sampledOnes = new ArrayList<>();
        final List<String[]> callers = new ArrayList<>();

        @Override
        public void finished(ConnectAttempt attempt) {
            sampledOnes.add(attempt.sampled());
            callers.add(attempt.callers());
        }

        @Override
        public boolean sampleSuccess() {
            return sampled;
        }

        @Override
        public int callerFrames(boolean successWritten) {
            this.successWritten.add(successWritten);
            return successWritten ? 1 : 0;
        }

        @Override
        public int failureCallerFrames() {
            failureCallersAsked++;
            return 1;
        }

        @Override
        public boolean wantsLocalAddress() {
            return false;
        }
    }
}
