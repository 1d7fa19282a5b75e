package dev.connject.agent.control;

import dev.connject.agent.log.AgentLog;
import dev.connject.agent.record.Recorder;
import dev.connject.config.InvalidRulesException;
import dev.connject.config.Mode;
import dev.connject.config.RuleSet;
import dev.connject.config.RulesLoader;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanServer;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;
import javax.management.StandardEmitterMBean;

/**
 * The MBean {@code dev.connject:type=Agent}. connject does not bring JMX up by itself: the platform
 * MBean server costs a JVM several MiB and its start. The MBean joins the server when something
 * else asks for it (the JDK's management agent, as JConsole, VisualVM, JMC or the injector
 * connect, or the application), and at once when connject is attached or attached again.
 *
 * <p>Events reach listeners in batches, at most {@value #BATCH} per notification and never older
 * than the recorder's last pass; each batch says which event sequence numbers it carries, so a
 * listener that lost batches knows how many events it missed.
 *
 * <p>They are made only while a watcher holds a lease ({@link #watch}). Listeners registered on
 * the MBean say nothing of whether anyone still watches: a JMX connector server listens to every
 * MBean that sends notifications from the first time any of its clients subscribes to anything
 * until the connector server stops, which for the JVM's own local connector is when it exits.
 */
final class AgentMBean implements ConnjectAgentMXBean {

    private static final int BATCH = 1000;

    private final RunningAgent agent;
    private final NotificationBroadcasterSupport emitter = new NotificationBroadcasterSupport(
            new MBeanNotificationInfo(new String[] {EVENTS}, "javax.management.Notification",
                    "Recorded connect events as JSON Lines, in batches, while a watch lease is held"));
    private final EventBatches batches = new EventBatches();
    private volatile ObjectName registered;

    AgentMBean(RunningAgent agent) {
        this.agent = agent;
    }

    /**
     * Registers the agent's MBean the first time JMX hands out the platform MBean server. The hook
     * that tells runs inside {@code ManagementFactory}'s lock, which registering takes again, and
     * the agent's own lock must not be taken under it: a thread of connject's registers.
     */
    static final class WhenJmxIsUp implements Runnable {
        private final AtomicBoolean registering = new AtomicBoolean();
        private volatile boolean told;
        private volatile RunningAgent agent;

        /** The agent to register, once it exists: JMX may come up while it is being made. */
        void bind(RunningAgent running) {
            agent = running;
            if (told) {
                run();
            }
        }

        @Override
        public void run() {
            told = true;
            RunningAgent running = agent;
            if (running != null && !registering.getAndSet(true)) {
                Thread thread = new Thread(new Runnable() {
                    @Override
                    public void run() {
                        running.registerMBean();
                    }
                }, "connject-mbean");
                thread.setDaemon(true);
                thread.start();
            }
        }
    }

    /** Registers the MBean now, unless it is already. */
    synchronized void register() {
        if (registered != null || agent.detached()) {
            return;
        }
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName(OBJECT_NAME);
            server.registerMBean(new StandardEmitterMBean(this, ConnjectAgentMXBean.class, true, emitter), name);
            registered = name;
        } catch (Exception | LinkageError failure) {
            AgentLog.warn("the MBean " + OBJECT_NAME + " could not be registered; the injector cannot steer this JVM",
                    failure);
        }
    }

    synchronized void unregister() {
        if (registered != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(registered);
            } catch (Exception alreadyGone) {
                // nothing to remove
            }
            registered = null;
        }
        batches.stop();
    }

    @Override
    public String getVersion() {
        return RunningAgent.version();
    }

    @Override
    public String getMode() {
        return agent.status().mode();
    }

    @Override
    public void setMode(String mode) {
        Mode parsed = Mode.ofYamlName(mode);
        if (parsed == null) {
            throw new IllegalArgumentException("unknown mode '" + mode + "'; expected inject, dry-run or off");
        }
        agent.mode(parsed);
    }

    @Override
    public String getRulesSource() {
        return agent.rules().source();
    }

    @Override
    public String getRulesText() {
        return agent.rules().text();
    }

    @Override
    public long getAttempts() {
        return agent.recorder().attempts();
    }

    @Override
    public Map<String, Long> getResults() {
        return agent.recorder().results();
    }

    @Override
    public Map<String, Long> getDropped() {
        return agent.recorder().dropped();
    }

    @Override
    public Map<String, Long> getInternalErrors() {
        return agent.status().errors();
    }

    @Override
    public Map<String, Long> getRuleMatches() {
        Map<String, Long> matches = new LinkedHashMap<>();
        agent.status().rules().forEach(rule -> matches.put(rule.name(), rule.matched()));
        return matches;
    }

    @Override
    public Map<String, Long> getRuleInjections() {
        Map<String, Long> injections = new LinkedHashMap<>();
        agent.status().rules().forEach(rule -> injections.put(rule.name(), rule.injected()));
        return injections;
    }

    @Override
    public int getPendingAttempts() {
        return agent.status().pending();
    }

    @Override
    public List<String> getHookedMethods() {
        return agent.status().hooked();
    }

    @Override
    public String getStatusJson() {
        return StatusJson.format(agent.status());
    }

    @Override
    public String apply(String rulesText, String source) {
        try {
            // a source that is a file's absolute path is where the text came from: paths in it are relative to it
            RuleSet rules = source.startsWith("/") ? RulesLoader.parse(rulesText, Path.of(source))
                    : RulesLoader.parse(rulesText, source);
            agent.apply(rules);
            return RuleSet.count(rules.rules().size()) + " in force from " + source + ", mode " + rules.mode().yamlName();
        } catch (InvalidRulesException invalid) {
            throw new IllegalArgumentException(invalid.getMessage());
        }
    }

    @Override
    public void clear() {
        agent.clear();
    }

    @Override
    public void watch(String watcher) {
        batches.lease(watcher);
    }

    @Override
    public void unwatch(String watcher) {
        batches.release(watcher);
    }

    @Override
    public void detach() {
        try {
            agent.detach();
        } catch (Exception failure) {
            throw new IllegalStateException("detach failed: " + failure, failure);
        }
    }

    /**
     * Gathers events on the recorder's thread and sends them as notifications; follows the
     * recorder while a lease is held, and leaves it once the last lease is released or has run out.
     */
    private final class EventBatches implements Recorder.EventListener {

        /** By watcher, when its lease runs out, in {@link System#nanoTime()}. */
        private final Map<String, Long> leases = new ConcurrentHashMap<>();
        private final StringBuilder lines = new StringBuilder();
        private final AtomicLong notifications = new AtomicLong();
        private long nextSequence;
        private long batchStart;
        private int batchSize;

        synchronized void lease(String watcher) {
            leases.put(watcher, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LEASE_MILLIS));
            agent.recorder().addListener(this);
        }

        synchronized void release(String watcher) {
            leases.remove(watcher);
            if (leases.isEmpty()) {
                agent.recorder().removeListener(this);
            }
        }

        synchronized void stop() {
            leases.clear();
            agent.recorder().removeListener(this);
        }

        /** Leaves the recorder once every lease has run out: a watch that was killed says nothing. */
        private void forgetLapsedLeases() {
            long now = System.nanoTime();
            if (leases.values().removeIf(end -> end - now <= 0)) {
                synchronized (this) {
                    if (leases.isEmpty()) {
                        agent.recorder().removeListener(this);
                    }
                }
            }
        }

        /** The watchers whose leases still run. */
        @Override
        public int followers() {
            long now = System.nanoTime();
            return (int) leases.values().stream().filter(end -> end - now > 0).count();
        }

        @Override
        public void event(String jsonLine) {
            if (batchSize == 0) {
                batchStart = nextSequence;
            }
            lines.append(jsonLine).append('\n');
            batchSize++;
            nextSequence++;
            if (batchSize == BATCH) {
                drained();
            }
        }

        @Override
        public void drained() {
            if (batchSize == 0) {
                return;
            }
            forgetLapsedLeases();
            javax.management.Notification batch = new javax.management.Notification(EVENTS, OBJECT_NAME,
                    notifications.incrementAndGet(), System.currentTimeMillis(), batchStart + " " + batchSize);
            batch.setUserData(lines.toString());
            lines.setLength(0);
            batchSize = 0;
            emitter.sendNotification(batch);
        }
    }
}
