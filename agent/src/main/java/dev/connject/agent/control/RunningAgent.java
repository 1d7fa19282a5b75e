package dev.connject.agent.control;

import dev.connject.agent.attempt.AttemptTracker;
import dev.connject.agent.hook.HookInstaller;
import dev.connject.agent.record.Recorder;
import dev.connject.agent.rules.RulePolicy;
import dev.connject.agent.safety.InternalErrors;
import dev.connject.config.InvalidRulesException;
import dev.connject.config.RuleSet;
import dev.connject.config.RulesLoader;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Path;
import java.util.function.Consumer;
import dev.connject.agent.log.AgentLog;
import sun.nio.ch.ConnjectHooks;

/** The agent once started: its hooks, its rules and its recorder, and the controls over them. */
public final class RunningAgent {

    private final InternalErrors errors;
    private final Recorder recorder;
    private final AttemptTracker tracker;
    private final HookInstaller.Installation installation;
    private volatile RuleSet rules;

    private RunningAgent(InternalErrors errors, Recorder recorder, AttemptTracker tracker,
                         HookInstaller.Installation installation, RuleSet rules) {
        this.errors = errors;
        this.recorder = recorder;
        this.tracker = tracker;
        this.installation = installation;
        this.rules = rules;
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
        AttemptTracker tracker = new AttemptTracker(errors, RulePolicy.none(), recorder);
        HolderOfOptions control = new HolderOfOptions();
        HookInstaller.Installation installation = HookInstaller.install(instrumentation, tracker, control, errors);
        RunningAgent agent = new RunningAgent(errors, recorder, tracker, installation, rules);
        control.agent = agent;
        Runtime.getRuntime().addShutdownHook(new Thread(new Runnable() {
            @Override
            public void run() {
                agent.flushAtExit();
            }
        }, "connject-exit"));
        AgentLog.info("recording connects (" + (attached ? "attached" : "loaded at start-up") + "); rules: "
                + rules.source());
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

    /** Writes out what the recorder still holds when the JVM exits: no event is lost to an exit. */
    private void flushAtExit() {
        try {
            recorder.close();
        } catch (InterruptedException exiting) {
            Thread.currentThread().interrupt();
        }
    }

    /** Takes the options of a later attach. */
    void applyOptions(String options) {
        AgentLog.info("already running; options of a later attach: " + options);
    }

    public Recorder recorder() {
        return recorder;
    }

    public InternalErrors errors() {
        return errors;
    }

    public AttemptTracker tracker() {
        return tracker;
    }

    public RuleSet rules() {
        return rules;
    }

    public HookInstaller.Installation installation() {
        return installation;
    }

    /** Hands later attaches' options to the agent; a JDK type, as the hooks class holds it. */
    private static final class HolderOfOptions implements Consumer<String> {
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
