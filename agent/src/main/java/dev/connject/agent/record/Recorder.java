package dev.connject.agent.record;

import dev.connject.agent.attempt.AttemptSink;
import dev.connject.agent.attempt.ConnectAttempt;
import dev.connject.agent.platform.PlatformErrnos;
import dev.connject.agent.safety.InternalErrors;
import dev.connject.config.Recording;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ObjLongConsumer;

/**
 * Takes each finished attempt from the connecting thread and records it. The connecting thread
 * only copies the attempt into the {@link EventRing} (and commits the JFR event, which JFR
 * buffers itself); one thread of connject's own turns slots into events and feeds the sinks, so
 * recording never blocks a connect on I/O. An event that cannot be kept is counted as dropped.
 */
public final class Recorder implements AttemptSink {

    /**
     * Slots in the ring: 0.8 s of 10,000 connects a second while the recorder's thread is held up.
     * Each slot keeps 184 bytes for the JVM's life. Eight threads connecting flat out from the
     * JVM's start ({@code NoEventIsLostIT}) left up to about 6,000 events waiting: with 4,096 slots,
     * some runs lost 1,400 to 2,100 of them.
     */
    private static final int RING_CAPACITY = 8192;
    private static final long BUSY_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long IDLE_PARK_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int POLLS_BEFORE_IDLE = 200;

    private final InternalErrors errors;
    private final AtomicLong attempts = new AtomicLong();
    private final RingOverflow overflow = new RingOverflow();
    /** Events the recorder's thread failed on: dropped, as those the ring refused are. */
    private final AtomicLong undelivered = new AtomicLong();
    private final Map<String, AtomicLong> droppedBySink = new ConcurrentHashMap<>();
    /** Told by a sink what it could not write: a class, where a lambda would cost the JVM's start one to spin. */
    private final ObjLongConsumer<String> sinkDrops = new ObjLongConsumer<>() {
        @Override
        public void accept(String sink, long events) {
            droppedBySink.computeIfAbsent(sink, name -> new AtomicLong()).addAndGet(events);
        }
    };
    private final Map<String, AtomicLong> results = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<EventListener> listeners = new CopyOnWriteArrayList<>();
    private final JfrConnectEvents jfr;
    private final Destinations destinations = new Destinations();
    /** The recorder thread's one line buffer. */
    private final JsonLine line = new JsonLine();
    private volatile EventRing ring;
    private Thread thread;

    private volatile Settings settings;
    private volatile boolean idle;
    private volatile boolean running = true;

    public Recorder(Recording recording, InternalErrors errors) {
        this.errors = errors;
        this.settings = new Settings(recording, sinkDrops);
        this.jfr = JfrConnectEvents.create(errors);
    }

    /** Allocates the ring and starts the recorder's thread, on the first attempt rather than at the JVM's start. */
    private synchronized EventRing start() {
        if (ring == null && running) {
            thread = new Thread(new Runnable() {
                @Override
                public void run() {
                    record();
                }
            }, "connject-recorder");
            thread.setDaemon(true);
            ring = new EventRing(RING_CAPACITY);
            thread.start();
        }
        return ring;
    }

    /** Applies a new {@code record:} section; the recorder's thread closes the sinks it replaces. */
    public void configure(Recording recording) {
        // the identity check first: comparing records bootstraps their equals, which the start need not pay for
        if (recording != settings.recording && !recording.equals(settings.recording)) {
            settings = new Settings(recording, sinkDrops);
        }
    }

    /**
     * Receives every event, on the recorder's thread, before sampling; must be quick. Added once,
     * however often asked.
     */
    public void addListener(EventListener listener) {
        listeners.addIfAbsent(listener);
    }

    public void removeListener(EventListener listener) {
        listeners.remove(listener);
    }

    /** Follows the recorded events live. */
    public interface EventListener {
        /** One event, as its JSON line without the line break. */
        void event(String jsonLine);

        /** Everything recorded so far has been delivered: a moment to pass on what was batched. */
        default void drained() {
        }

        /** How many watchers, as {@code connject watch}, this listener passes the events on to. */
        default int followers() {
            return 1;
        }
    }

    @Override
    public void finished(ConnectAttempt attempt) {
        attempts.incrementAndGet();
        if (settings.recording.jfr()) {
            jfr.commit(attempt);
        }
        EventRing events = ring != null ? ring : start();
        if (events == null || !events.offer(attempt)) {
            overflow.refuse();
        } else if (idle || events.backlogged()) {
            // a burst may fill the ring between two of the recorder's polls
            LockSupport.unpark(thread);
        }
    }

    @Override
    public boolean sampleSuccess() {
        double sample = settings.recording.sample();
        return sample >= 1.0 || ThreadLocalRandom.current().nextDouble() < sample;
    }

    /**
     * The sinks and listeners follow {@code record.caller}, JFR its event's own {@code caller}
     * setting; a caller read for one is shown by all.
     */
    @Override
    public int callerFrames(boolean successWritten) {
        Settings current = settings;
        boolean everyConnect = current.recording.callers() == Recording.Callers.ALL
                && (current.hasSinks() && successWritten || !listeners.isEmpty())
                || current.recording.jfr() && jfr.wantsEveryCaller();
        return everyConnect ? frames(current) : 0;
    }

    @Override
    public int failureCallerFrames() {
        Settings current = settings;
        return detailed(current) ? frames(current) : 0;
    }

    private static int frames(Settings current) {
        return Math.max(1, current.recording.stack());
    }

    @Override
    public boolean wantsLocalAddress() {
        return detailed(settings);
    }

    /** A JFR event begun where the connect starts, so that its start and duration are the connect's. */
    @Override
    public Object startTiming() {
        return settings.recording.jfr() ? jfr.begin() : null;
    }

    @Override
    public void endTiming(Object timing) {
        jfr.end(timing);
    }

    /**
     * Whether anything would show an event's details: a sink, a live listener, a JFR recording.
     * Without one, connects are only counted, and neither their callers nor their local addresses
     * are read.
     */
    private boolean detailed(Settings current) {
        return current.hasSinks() || !listeners.isEmpty() || (current.recording.jfr() && jfr.recording());
    }

    /** Starts following JFR's recordings, when the {@code record:} section wants JFR events. */
    public void followJfr() {
        if (settings.recording.jfr()) {
            jfr.follow();
        }
    }

    public long attempts() {
        return attempts.get();
    }

    /** Events lost: refused by a full ring, or failed in a sink. */
    public Map<String, Long> dropped() {
        Map<String, Long> dropped = new TreeMap<>();
        dropped.put("ring", overflow.count() + undelivered.get());
        droppedBySink.forEach((sink, count) -> dropped.put(sink, count.get()));
        return dropped;
    }

    /** Where the events go now. */
    public Outputs outputs() {
        Settings current = settings;
        String jfrState = jfr == JfrConnectEvents.NONE ? "unavailable" : !current.recording.jfr() ? "off"
                : jfr.recording() ? "recording" : "waiting";
        return new Outputs(current.jsonl == null ? null : current.jsonl.file().toString(),
                current.recording.log().yamlName(), jfrState,
                listeners.stream().mapToInt(EventListener::followers).sum());
    }

    /**
     * Where the events go: what {@code status} shows of the {@code record:} section in force.
     *
     * @param jsonl    the JSON Lines file, {@code %p} replaced; {@code null} for none
     * @param log      the level of the one line per connect, {@code off} for none
     * @param jfr      {@code recording} while a JFR recording takes {@code dev.connject.Connect},
     *                 {@code waiting} until one does, {@code off} with {@code record.jfr: false},
     *                 {@code unavailable} in a runtime without {@code jdk.jfr}
     * @param watchers live listeners, as {@code connject watch}
     */
    public record Outputs(String jsonl, String log, String jfr, int watchers) {
    }

    /** Per destination: attempts, failures by result, latency of the successful ones, the last attempt and failure. */
    public List<Destinations.Summary> destinations() {
        return destinations.summaries();
    }

    /** Recorded attempts by result, as the recorder's thread has processed them so far. */
    public Map<String, Long> results() {
        Map<String, Long> counts = new TreeMap<>();
        results.forEach((result, count) -> counts.put(result, count.get()));
        return counts;
    }

    /** Stops the recorder's thread once it has written what the ring holds, and closes the sinks. */
    public void close() throws InterruptedException {
        try {
            jfr.stop();
        } catch (RuntimeException failure) {
            errors.report("jfr", failure);
        }
        Thread recorder;
        synchronized (this) {
            running = false;
            recorder = thread;
        }
        if (recorder == null) {
            close(settings);
            return;
        }
        LockSupport.unpark(recorder);
        recorder.join(TimeUnit.SECONDS.toMillis(5));
    }

    /** Waits until every attempt finished so far has reached the sinks. */
    public void drain() throws InterruptedException {
        EventRing events = ring;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (events != null && !events.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.unpark(thread);
            Thread.sleep(1);
        }
    }

    /** The recorder's thread: everything that may block or allocate happens here, not on the connecting threads. */
    private void record() {
        WallClock clock = new WallClock();
        long pid = ProcessHandle.current().pid();
        Outcomes outcomes = null;
        Settings current = settings;
        EventRing events = ring;
        int emptyPolls = 0;
        int delivered = 0;
        while (true) {
            EventSlot slot = events.next();
            if (slot != null) {
                if (outcomes == null) {
                    outcomes = new Outcomes(this::errnos);
                }
                deliver(events, slot, outcomes, current, clock, pid);
                emptyPolls = 0;
                // while connects overflow the ring, it may not empty for a long time
                if (++delivered % RING_CAPACITY == 0) {
                    overflow.look(false);
                }
                continue;
            }
            flush(current);
            boolean stopping = !running;
            overflow.look(stopping);
            if (settings != current) {
                close(current);
                current = settings;
            }
            if (stopping) {
                close(current);
                return;
            }
            if (++emptyPolls < POLLS_BEFORE_IDLE) {
                LockSupport.parkNanos(BUSY_POLL_NANOS);
            } else {
                idle = true;
                if (events.isEmpty() && running) {
                    LockSupport.parkNanos(IDLE_PARK_NANOS);
                }
                idle = false;
            }
        }
    }

    private PlatformErrnos errnos() {
        try {
            return PlatformErrnos.get();
        } catch (Throwable failure) {
            errors.report("errno table", failure);
            return PlatformErrnos.none();
        }
    }

    private void deliver(EventRing events, EventSlot slot, Outcomes outcomes, Settings current, WallClock clock,
                         long pid) {
        try {
            String result = slot.result(outcomes);
            results.computeIfAbsent(result, counted -> new AtomicLong()).incrementAndGet();
            if (!slot.disconnect) {
                destinations.record(slot.address, slot.port, slot.path(), slot.host, result,
                        (slot.endNanos - slot.startNanos) / 1000, clock.epochNanos(slot.endNanos) / 1_000_000);
            }
            boolean kept = slot.sampled || !Outcomes.CONNECTED.equals(result) && !Outcomes.DISCONNECTED.equals(result);
            boolean watched = !listeners.isEmpty();
            if (watched || (kept && current.jsonl != null)) {
                slot.writeJson(line, outcomes, result, clock, pid);
                if (watched) {
                    String text = line.text();
                    for (EventListener listener : listeners) {
                        listener.event(text);
                    }
                }
                if (kept && current.jsonl != null) {
                    writeJsonl(current.jsonl);
                }
            }
            if (kept && current.log != null) {
                current.log.accept(slot.toEvent(outcomes, clock, pid));
            }
        } catch (Throwable failure) {
            errors.report("recorder", failure);
            undelivered.incrementAndGet();
        } finally {
            events.release(slot);
        }
    }

    private void writeJsonl(JsonlSink jsonl) {
        try {
            jsonl.write(line);
        } catch (RuntimeException failure) {
            errors.report("jsonl", failure);
        }
    }

    private void flush(Settings current) {
        for (EventListener listener : listeners) {
            try {
                listener.drained();
            } catch (Throwable failure) {
                errors.report("listener", failure);
            }
        }
        if (current.jsonl != null) {
            try {
                current.jsonl.flush();
            } catch (RuntimeException failure) {
                errors.report("jsonl", failure);
            }
        }
    }

    private void close(Settings current) {
        if (current.jsonl != null) {
            try {
                current.jsonl.close();
            } catch (RuntimeException failure) {
                errors.report("jsonl", failure);
            }
        }
    }

    /** The {@code record:} section in force and the sinks built for it. */
    private static final class Settings {
        final Recording recording;
        final JsonlSink jsonl;
        final EventLogSink log;

        Settings(Recording recording, ObjLongConsumer<String> dropped) {
            this.recording = recording;
            Optional<Path> file = recording.jsonlOf(ProcessHandle.current().pid());
            this.jsonl = file.isEmpty() ? null : new JsonlSink(file.get(), recording.jsonlMax(), recording.jsonlKeep(), dropped);
            this.log = recording.log() == Recording.EventLog.OFF ? null : new EventLogSink(recording.log());
        }

        boolean hasSinks() {
            return jsonl != null || log != null;
        }
    }
}
