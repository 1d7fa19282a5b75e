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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.MBeanNotificationInfo;
import javax.management.MBeanServer;
import javax.management.NotificationBroadcasterSupport;
import javax.management.NotificationFilter;
import javax.management.NotificationListener;
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
 */
final class AgentMBean implements ConnjectAgentMXBean {

    private static final int BATCH = 1000;

    private final RunningAgent agent;
    private final Emitter emitter = new Emitter();
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
        agent.recorder().removeListener(batches);
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
    public void detach() {
        try {
            agent.detach();
        } catch (Exception failure) {
            throw new IllegalStateException("detach failed: " + failure, failure);
        }
    }

    /** Follows the recorder only while someone listens. */
    private final class Emitter extends NotificationBroadcasterSupport {

        private int listeners;

        Emitter() {
            super(new MBeanNotificationInfo(new String[] {EVENTS}, "javax.management.Notification",
                    "Recorded connect events as JSON Lines, in batches"));
        }

        @Override
        public synchronized void addNotificationListener(NotificationListener listener, NotificationFilter filter,
                                                         Object handback) {
            super.addNotificationListener(listener, filter, handback);
            if (listeners++ == 0) {
                agent.recorder().addListener(batches);
            }
        }

        @Override
        public synchronized void removeNotificationListener(NotificationListener listener)
                throws ListenerNotFoundException {
            super.removeNotificationListener(listener);
            stopFollowing();
        }

        @Override
        public synchronized void removeNotificationListener(NotificationListener listener, NotificationFilter filter,
                                                            Object handback) throws ListenerNotFoundException {
            super.removeNotificationListener(listener, filter, handback);
            stopFollowing();
        }

        private void stopFollowing() {
            if (--listeners <= 0) {
                listeners = 0;
                agent.recorder().removeListener(batches);
            }
        }
    }

    /** Gathers events on the recorder's thread and sends them as notifications. */
    private final class EventBatches implements Recorder.EventListener {

        private final StringBuilder lines = new StringBuilder();
        private final AtomicLong notifications = new AtomicLong();
        private long nextSequence;
        private long batchStart;
        private int batchSize;

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
            javax.management.Notification batch = new javax.management.Notification(EVENTS, OBJECT_NAME,
                    notifications.incrementAndGet(), System.currentTimeMillis(), batchStart + " " + batchSize);
            batch.setUserData(lines.toString());
            lines.setLength(0);
            batchSize = 0;
            emitter.sendNotification(batch);
        }
    }
}
