package dev.connject.agent.control;

import dev.connject.agent.attempt.AttemptTracker;
import dev.connject.agent.attempt.ConnectPolicy;
import dev.connject.agent.fault.FaultInjector;
import dev.connject.agent.hook.HookInstaller;
import dev.connject.agent.hook.NativeCallLines;
import dev.connject.agent.log.AgentLog;
import dev.connject.agent.log.LogLevel;
import dev.connject.agent.platform.PlatformErrnos;
import dev.connject.agent.record.Recorder;
import dev.connject.agent.rules.RulePolicy;
import dev.connject.agent.safety.InternalErrors;
import dev.connject.config.InvalidRulesException;
import dev.connject.config.Mode;
import dev.connject.config.Rule;
import dev.connject.config.RuleSet;
import dev.connject.config.RulesLoader;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.function.Consumer;
import sun.nio.ch.ConnjectHooks;

/**
 * The agent once started: its hooks, its rules and its recorder, and the controls over them that
 * the MBean, later attaches and the rules file watcher use.
 */
public final class RunningAgent {

    private final InternalErrors errors;
    private final Recorder recorder;
    private final AttemptTracker tracker;
    private final FaultInjector injector;
    private final HookInstaller.Installation installation;
    private final boolean attached;
    private final Instant started = Instant.now();
    private final Thread exitHook;
    private final LoadedMarker marker = LoadedMarker.open();
    private RulesWatcher watcher;
    /** Made when first registered: its JMX classes are not loaded during the application's start. */
    private AgentMBean mbean;
    private volatile RuleSet rules;
    private volatile RulePolicy policy;
    private volatile boolean detached;

    private RunningAgent(InternalErrors errors, Recorder recorder, AttemptTracker tracker, FaultInjector injector,
                         HookInstaller.Installation installation, boolean attached) {
        this.errors = errors;
        this.recorder = recorder;
        this.tracker = tracker;
        this.injector = injector;
        this.installation = installation;
        this.attached = attached;
        this.exitHook = new Thread(new Runnable() {
            @Override
            public void run() {
                flushAtExit();
            }
        }, "connject-exit");
    }

    /** The options consumer of the agent already running in this JVM, or {@code null}. */
    public static Consumer<String> control() {
        return ConnjectHooks.control;
    }

    public static RunningAgent start(AgentOptions options, Instrumentation instrumentation, boolean attached)
            throws Exception {
        for (String problem : options.problems()) {
            AgentLog.warn("option ignored: " + problem);
        }
        RuleSet rules = options.rules().isPresent() ? loadAtStart(options.rules().get()) : RuleSet.none();
        InternalErrors errors = new InternalErrors();
        Recorder recorder = new Recorder(rules.recording(), errors);
        AttemptTracker tracker = new AttemptTracker(errors, ConnectPolicy.NONE, recorder);
        NativeCallLines lines = new NativeCallLines();
        FaultInjector injector = new FaultInjector(tracker, lines, errors);
        OptionsHandler control = new OptionsHandler();
        AgentMBean.WhenJmxIsUp jmxIsUp = new AgentMBean.WhenJmxIsUp();
        HookInstaller.Installation installation = HookInstaller.install(instrumentation, tracker, lines, control,
                jmxIsUp, errors);
        RunningAgent agent = new RunningAgent(errors, recorder, tracker, injector, installation, attached);
        agent.apply(rules);
        // not recorder::followJfr: at the JVM's start a lambda costs the generation of a class
        agent.inBackground("connject-jfr", new Runnable() {
            @Override
            public void run() {
                recorder.followJfr();
            }
        });
        if (options.watch() && options.rules().isPresent()) {
            agent.watch(options.rules().get());
        }
        control.agent = agent;
        Runtime.getRuntime().addShutdownHook(agent.exitHook);
        if (attached) {
            agent.registerMBean();
        } else {
            jmxIsUp.bind(agent);
        }
        AgentLog.info("recording connects (" + (attached ? "attached" : "loaded at start-up") + "); rules: "
                + describe(rules));
        return agent;
    }

    private static RuleSet loadAtStart(Path file) {
        try {
            return RulesLoader.load(file);
        } catch (InvalidRulesException invalid) {
            AgentLog.error("rules refused, none applied, connects are only recorded:\n" + invalid.getMessage());
        } catch (IOException unreadable) {
            AgentLog.error("rules file " + file + " cannot be read (" + unreadable
                    + "); none applied, connects are only recorded");
        }
        return RuleSet.none();
    }

    private static String describe(RuleSet rules) {
        return rules.source() + " (" + RuleSet.count(rules.rules().size()) + ", mode " + rules.mode().yamlName() + ")";
    }

    /** Puts a rule set in force, whole: the rules, their mode and the {@code record:} section. Counting starts over. */
    public synchronized void apply(RuleSet newRules) {
        if (detached) {
            throw new IllegalStateException("connject has been detached from this JVM");
        }
        prepare(newRules);
        RulePolicy compiled = RulePolicy.compile(newRules, injector);
        recorder.configure(newRules.recording());
        rules = newRules;
        policy = compiled;
        tracker.policy(compiled);
    }

    /** Removes every rule; recording goes on as configured. */
    public void clear() {
        RuleSet current = rules;
        apply(current.withRules(List.of(), current.source() + " (cleared)", ""));
    }

    public synchronized void mode(Mode mode) {
        rules = rules.withMode(mode);
        policy = policy.withMode(mode);
        tracker.policy(policy);
    }

    /**
     * Takes connject out of this JVM: the JDK classes are put back as they were, connject's
     * threads stop, its files and sockets are closed. A later attach starts afresh.
     */
    public synchronized void detach() throws Exception {
        if (detached) {
            return;
        }
        detached = true;
        if (watcher != null) {
            watcher.stop();
        }
        installation.uninstall();
        injector.close();
        marker.close();
        if (mbean != null) {
            mbean.unregister();
        }
        recorder.close();
        PlatformErrnos.detached();
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook);
        } catch (IllegalStateException exiting) {
            // the JVM is already shutting down
        }
        AgentLog.info("detached; the JDK classes are as they were");
    }

    /** Registers the MBean unless it is already. */
    synchronized void registerMBean() {
        if (mbean == null) {
            mbean = new AgentMBean(this);
        }
        mbean.register();
    }

    public boolean detached() {
        return detached;
    }

    public AgentStatus status() {
        RulePolicy current = policy;
        List<AgentStatus.RuleCount> counts = new ArrayList<>();
        for (Map.Entry<String, long[]> rule : current.counts().entrySet()) {
            counts.add(new AgentStatus.RuleCount(rule.getKey(), rule.getValue()[0], rule.getValue()[1]));
        }
        // an attempt is counted before it is recorded or dropped: read in this order, none is recorded but not counted
        Map<String, Long> results = recorder.results();
        Map<String, Long> dropped = recorder.dropped();
        long attempts = recorder.attempts();
        return new AgentStatus(version(), ProcessHandle.current().pid(), started, attached, current.mode().yamlName(),
                rules.source(), followedFile(), counts, recorder.outputs(), attempts, results, dropped, errors.counts(),
                tracker.pendingCount(), new ArrayList<>(new TreeSet<>(installation.woven())), recorder.destinations());
    }

    /** The rules file reloaded whenever it changes, or {@code null} when none is followed. */
    synchronized String followedFile() {
        return watcher == null ? null : watcher.file().toString();
    }

    public RuleSet rules() {
        return rules;
    }

    public Recorder recorder() {
        return recorder;
    }

    /** connject's version, as built. */
    public static String version() {
        try (InputStream in = RunningAgent.class.getResourceAsStream("/dev/connject/agent/version.txt")) {
            return in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException unreadable) {
            return "unknown";
        }
    }

    /** Takes the options of a later attach: a rules file to load and watch, a log level. The MBean is there once it returns. */
    void applyOptions(String text) {
        registerMBean();
        AgentOptions options = AgentOptions.parse(text, Map.of(), new Properties());
        for (String problem : options.problems()) {
            AgentLog.warn("option ignored: " + problem);
        }
        if (text.contains("log=")) {
            LogLevel.set(options.log());
        }
        if (options.rules().isPresent()) {
            Path file = options.rules().get();
            try {
                RuleSet loaded = RulesLoader.load(file);
                apply(loaded);
                synchronized (this) {
                    if (watcher != null) {
                        watcher.stop();
                        watcher = null;
                    }
                    if (options.watch()) {
                        watch(file);
                    }
                }
                AgentLog.info("rules applied: " + describe(loaded));
            } catch (InvalidRulesException invalid) {
                AgentLog.error("rules refused; the previous rules stay in force:\n" + invalid.getMessage());
            } catch (IOException unreadable) {
                AgentLog.error("rules file " + file + " cannot be read (" + unreadable
                        + "); the previous rules stay in force");
            }
        }
    }

    private synchronized void watch(Path file) {
        watcher = new RulesWatcher(file, this);
        watcher.start();
    }

    /**
     * Readies what the rules' faults will need, on threads of their own, so that the first
     * injection does not wait for it: the platform's errno table (JNA's start-up) and the
     * blackhole. An injection that comes sooner waits for what it needs.
     */
    private void prepare(RuleSet newRules) {
        boolean errno = false;
        boolean stall = false;
        for (Rule rule : newRules.rules()) {
            errno |= rule.fault().errno().isPresent();
            stall |= rule.fault().timeout().isPresent() || rule.fault().delay().isPresent();
        }
        // not method references: this runs at the JVM's start, where a lambda costs the generation of a class
        if (errno) {
            inBackground("connject-errno-table", new Runnable() {
                @Override
                public void run() {
                    PlatformErrnos.get();
                }
            });
        }
        if (stall) {
            inBackground("connject-blackhole", new Runnable() {
                @Override
                public void run() {
                    injector.prepareBlackhole();
                }
            });
        }
    }

    /** Runs a piece of connject's preparation on a daemon thread of its own; what fails is reported, not thrown. */
    private void inBackground(String name, Runnable task) {
        Thread thread = new Thread(new Runnable() {
            @Override
            public void run() {
                try {
                    task.run();
                } catch (Throwable failure) {
                    errors.report(name, failure);
                }
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Writes out what the recorder still holds when the JVM exits: no event is lost to an exit. */
    private void flushAtExit() {
        try {
            recorder.close();
        } catch (InterruptedException exiting) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hands later attaches' options to the agent; a JDK type, as the hooks class holds it. */
    private static final class OptionsHandler implements Consumer<String> {
        volatile RunningAgent agent;

        @Override
        public void accept(String options) {
            RunningAgent running = agent;
            if (running != null) {
                running.applyOptions(options);
            }
        }
    }
}
