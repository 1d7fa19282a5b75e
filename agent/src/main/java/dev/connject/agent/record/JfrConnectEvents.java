package dev.connject.agent.record;

import dev.connject.agent.attempt.ConnectAttempt;
import dev.connject.agent.attempt.Syscall;
import dev.connject.agent.platform.PlatformErrnos;
import dev.connject.agent.safety.InternalErrors;
import java.util.function.Consumer;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import sun.nio.ch.ConnjectJdk;

/**
 * Commits {@code dev.connject.Connect} JFR events on the connecting thread, so that JFR shows
 * them on that thread. It follows JFR's recordings, so that outside one, or in recordings that
 * leave the event off, a connect costs a flag read or two and nothing is captured for JFR; a
 * runtime without {@code jdk.jfr} gets {@link #NONE}.
 */
abstract class JfrConnectEvents {

    static final JfrConnectEvents NONE = new JfrConnectEvents() {
        @Override
        Object begin() {
            return null;
        }

        @Override
        void end(Object begun) {
        }

        @Override
        void commit(ConnectAttempt attempt) {
        }

        @Override
        boolean recording() {
            return false;
        }

        @Override
        boolean wantsEveryCaller() {
            return false;
        }

        @Override
        void follow() {
        }

        @Override
        void stop() {
        }
    };

    /**
     * The event of a connect that starts now, begun so that JFR's start time, duration and
     * {@code threshold} are the connect's; {@code null} outside a recording that takes it.
     */
    abstract Object begin();

    /** Ends what {@link #begin} returned, where the connect's outcome is final. */
    abstract void end(Object begun);

    /** Commits the attempt's event: the one begun where it started or, for a connect older than the recording, a new one. */
    abstract void commit(ConnectAttempt attempt);

    /** Whether a running JFR recording takes {@code dev.connject.Connect} events. */
    abstract boolean recording();

    /** Whether a running recording takes the event with the caller of every connect ({@link JfrCallerSetting}). */
    abstract boolean wantsEveryCaller();

    /** Starts following JFR's recordings. Loads part of JFR, so it is kept off the application's start-up. */
    abstract void follow();

    /** Stops following them: JFR would otherwise hold this object, and with it connject's classes, after a detach. */
    abstract void stop();

    static JfrConnectEvents create(InternalErrors errors) {
        return ModuleLayer.boot().findModule("jdk.jfr").isPresent() ? new Committing(errors) : NONE;
    }

    /** {@code event.commit()}, for {@link ConnjectJdk#acceptOutOfLine}. */
    private static final class Commit implements Consumer<ConnectJfrEvent> {

        static final Commit INSTANCE = new Commit();

        @Override
        public void accept(ConnectJfrEvent event) {
            event.commit();
        }
    }

    private static final class Committing extends JfrConnectEvents implements FlightRecorderListener {

        /** The system calls of most connects, made once rather than for each event. */
        private static final String CONNECTED_AT_ONCE = Syscall.CONNECT.eventName() + '=' + ConnectAttempt.OK;

        private final InternalErrors errors;
        private boolean following;
        private volatile boolean recording;
        /** Set before {@link #recording} is first true: asking for it earlier would start JFR's metadata. */
        private EventType type;
        private Outcomes outcomes;

        Committing(InternalErrors errors) {
            this.errors = errors;
        }

        @Override
        boolean recording() {
            return recording && type.isEnabled();
        }

        @Override
        boolean wantsEveryCaller() {
            return recording() && JfrCallerSetting.everyConnect();
        }

        @Override
        synchronized void follow() {
            FlightRecorder.addListener(this);
            following = true;
            recordingStateChanged(null);
        }

        /** Touches JFR only if {@link #follow} did: a JVM that never followed exits without loading it. */
        @Override
        synchronized void stop() {
            if (following) {
                FlightRecorder.removeListener(this);
                following = false;
            }
            recording = false;
        }

        @Override
        public void recordingStateChanged(Recording changed) {
            // asking FlightRecorder for its recordings would start JFR when it is not running yet
            boolean running = FlightRecorder.isInitialized() && FlightRecorder.getFlightRecorder().getRecordings()
                    .stream().anyMatch(any -> any.getState() == RecordingState.RUNNING);
            if (running && type == null) {
                type = EventType.getEventType(ConnectJfrEvent.class);
            }
            recording = running;
        }

        @Override
        Object begin() {
            if (!recording()) {
                return null;
            }
            ConnectJfrEvent event = new ConnectJfrEvent();
            event.begin();
            return event;
        }

        @Override
        void end(Object begun) {
            ((ConnectJfrEvent) begun).end();
        }

        @Override
        void commit(ConnectAttempt attempt) {
            if (!recording()) {
                return;
            }
            ConnectJfrEvent event = attempt.timing() instanceof ConnectJfrEvent begun ? begun : new ConnectJfrEvent();
            try {
                // shorter than the recording's threshold
                if (!event.shouldCommit()) {
                    return;
                }
                fill(event, attempt);
                // JFR's writer for the event's nineteen fields, compiled into each JDK method that connects, more
                // than doubled the compiler's memory for those methods on JDK 25, and with it the peak resident memory
                ConnjectJdk.acceptOutOfLine(Commit.INSTANCE, event);
            } catch (Throwable failure) {
                errors.report("jfr", failure);
            }
        }

        private void fill(ConnectJfrEvent event, ConnectAttempt attempt) {
            if (outcomes == null) {
                outcomes = new Outcomes(PlatformErrnos::get);
            }
            Object last = attempt.lastResult();
            String result = outcomes.result(last, attempt.error(), attempt.appTimedOut(), attempt.abandoned(),
                    attempt.isDisconnect());
            Integer errno = outcomes.errno(result);
            event.id = attempt.id();
            event.thread = attempt.threadName();
            event.virtual = attempt.isVirtual();
            event.api = attempt.api().yamlName();
            event.protocol = attempt.protocol().yamlName();
            event.host = attempt.host();
            event.remote = attempt.path() != null ? attempt.path()
                    : attempt.address() == null ? null : Addresses.format(attempt.address(), attempt.port());
            event.local = attempt.local() == null ? null
                    : Addresses.format(attempt.local().getAddress(), attempt.local().getPort());
            event.fd = attempt.fdNumber();
            event.timeout = attempt.timeoutMillis();
            event.result = result;
            event.errno = errno == null ? 0 : errno;
            event.error = Outcomes.error(last, attempt.error());
            event.connectDuration = (attempt.endNanos() - attempt.startNanos()) / 1000;
            event.syscalls = syscalls(attempt);
            event.injected = attempt.injected();
            event.rule = attempt.rule();
            event.dryRun = attempt.dryRun();
            String[] callers = attempt.callers();
            event.caller = callers == null || callers.length == 0 ? null : callers[0];
        }

        private String syscalls(ConnectAttempt attempt) {
            if (attempt.syscallCount() == 1 && attempt.call(0) == Syscall.CONNECT && attempt.result(0) == ConnectAttempt.OK) {
                return CONNECTED_AT_ONCE;
            }
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < attempt.syscallCount(); i++) {
                if (i > 0) {
                    text.append(", ");
                }
                text.append(attempt.call(i).eventName()).append('=')
                        .append(outcomes.syscallResult(attempt.call(i), attempt.result(i)));
            }
            return text.toString();
        }
    }
}
