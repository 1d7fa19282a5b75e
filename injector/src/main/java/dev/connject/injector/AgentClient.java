package dev.connject.injector;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServerConnection;
import javax.management.MBeanServerDelegate;
import javax.management.MalformedObjectNameException;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.ReflectionException;
import javax.management.RuntimeMBeanException;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * connject's MBean in a target JVM, reached through the JVM's local JMX connector. Its attributes
 * and operations are used by name, as JConsole would use them: the injector shares no classes
 * with the agent, so either can change inside without the other noticing.
 */
final class AgentClient implements AutoCloseable {

    static final ObjectName AGENT = objectName("dev.connject:type=Agent");

    /** The notification type of a batch of events. */
    static final String EVENTS = "dev.connject.events";

    private static final Duration POLL = Duration.ofMillis(50);
    /** A fifth of the agent's lease of five seconds: a renewal late by a few seconds still keeps it. */
    private static final Duration RENEW = Duration.ofSeconds(1);
    private static final String[] ONE_STRING = {String.class.getName()};
    private static final String[] TWO_STRINGS = {String.class.getName(), String.class.getName()};

    private final long pid;
    private final JMXConnector connector;
    private final MBeanServerConnection server;
    /** This client's name for its watch lease. */
    private final String watcher = "connject watch, pid " + ProcessHandle.current().pid();
    private volatile Thread renewing;

    private AgentClient(long pid, JMXConnector connector, MBeanServerConnection server) {
        this.pid = pid;
        this.connector = connector;
        this.server = server;
    }

    /** Connects to the JMX connector at {@code address}, the local one of the JVM {@code pid}. */
    static AgentClient connect(long pid, String address) throws CommandFailure {
        try {
            JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
            return new AgentClient(pid, connector, connector.getMBeanServerConnection());
        } catch (IOException unreachable) {
            throw CommandFailure.unreachable("cannot connect to the JMX connector of JVM " + pid + " at " + address
                    + ": " + TargetJvm.oneLine(unreachable), "check that it still runs, then retry");
        }
    }

    /** Whether the MBean is registered, or gets registered within {@code patience}. */
    boolean awaitRegistration(Duration patience) throws CommandFailure {
        Instant deadline = Instant.now().plus(patience);
        try {
            while (!server.isRegistered(AGENT)) {
                if (Instant.now().isAfter(deadline)) {
                    return false;
                }
                pause();
            }
            return true;
        } catch (IOException lost) {
            throw connectionLost(lost);
        }
    }

    String attribute(String name) throws CommandFailure {
        try {
            return (String) server.getAttribute(AGENT, name);
        } catch (Exception failure) {
            throw failed("reading " + name, failure);
        }
    }

    /** The agent's whole status, as one JSON object. */
    String statusJson() throws CommandFailure {
        return attribute("StatusJson");
    }

    /**
     * Puts {@code text} in force in place of every rule, atomically; {@code source} names it in
     * status and in problems. Returns the agent's summary of the rules in force. Rules the agent
     * refuses fail with its located problems, and the rules in force stay as they were.
     */
    String apply(String text, String source) throws CommandFailure {
        try {
            return (String) server.invoke(AGENT, "apply", new Object[] {text, source}, TWO_STRINGS);
        } catch (RuntimeMBeanException refused) {
            if (refused.getTargetException() instanceof IllegalArgumentException) {
                throw CommandFailure.invalidRules(refused.getTargetException().getMessage().lines().toList(),
                        "JVM " + pid + " refused the rules; the rules in force there are unchanged");
            }
            throw failed("applying rules", refused);
        } catch (Exception failure) {
            throw failed("applying rules", failure);
        }
    }

    void clear() throws CommandFailure {
        invoke("clear");
    }

    void detach() throws CommandFailure {
        invoke("detach");
    }

    /**
     * Sends {@code listener} the agent's event batches, JMX's notices about the connection (lost
     * notifications, closing) and the unregistration of the MBean, which means connject was detached.
     * The agent sends events while this client holds a lease, renewed every second from a thread
     * of its own until {@link #unfollow}; a client that ends without, killed say, lets it run out.
     */
    void follow(NotificationListener listener) throws CommandFailure {
        connector.addConnectionNotificationListener(listener, null, null);
        try {
            server.addNotificationListener(MBeanServerDelegate.DELEGATE_NAME, listener, null, null);
            server.addNotificationListener(AGENT, listener, null, null);
            holdLease();
        } catch (ReflectionException noSuchOperation) {
            // an agent loaded by an earlier build has no leases: it sends the events to whoever listens
            return;
        } catch (Exception failure) {
            throw failed("subscribing to events", failure);
        }
        Thread renewal = new Thread(this::renewLease, "connject-watch-lease");
        renewal.setDaemon(true);
        renewing = renewal;
        renewal.start();
    }

    /** Takes or renews this client's lease on the agent's events. */
    private void holdLease() throws Exception {
        server.invoke(AGENT, "watch", new Object[] {watcher}, ONE_STRING);
    }

    private void renewLease() {
        try {
            while (renewing == Thread.currentThread()) {
                Thread.sleep(RENEW.toMillis());
                holdLease();
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } catch (Exception goneAway) {
            // the MBean or the connection is gone: the listener hears of it and ends the watch
        }
    }

    /** Stops what {@link #follow} started, so that the agent stops batching events for this client. */
    void unfollow(NotificationListener listener) {
        Thread renewal = renewing;
        renewing = null;
        if (renewal != null) {
            renewal.interrupt();
        }
        try {
            server.invoke(AGENT, "unwatch", new Object[] {watcher}, ONE_STRING);
            server.removeNotificationListener(AGENT, listener);
            server.removeNotificationListener(MBeanServerDelegate.DELEGATE_NAME, listener);
            connector.removeConnectionNotificationListener(listener);
        } catch (Exception goneAlready) {
            // the MBean or the connection went first; nothing is left to remove
        }
    }

    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException closedAlready) {
            // the target went away; there is nothing left to close
        }
    }

    private void invoke(String operation) throws CommandFailure {
        try {
            server.invoke(AGENT, operation, new Object[0], new String[0]);
        } catch (Exception failure) {
            throw failed(operation, failure);
        }
    }

    private CommandFailure failed(String doing, Exception failure) {
        if (failure instanceof InstanceNotFoundException) {
            return CommandFailure.unreachable("JVM " + pid + " no longer runs connject",
                    "attach it again: " + Connject.INVOCATION + " attach " + pid);
        }
        if (failure instanceof IOException) {
            return connectionLost((IOException) failure);
        }
        Throwable cause = failure instanceof RuntimeMBeanException
                ? ((RuntimeMBeanException) failure).getTargetException() : failure;
        return CommandFailure.unreachable("the agent in JVM " + pid + " failed " + doing + ": " + cause,
                "the JVM's standard error may say more; `" + Connject.INVOCATION + " status " + pid
                        + "` shows connject's internal errors");
    }

    private CommandFailure connectionLost(IOException failure) {
        return CommandFailure.unreachable("lost the JMX connection to JVM " + pid + ": " + TargetJvm.oneLine(failure),
                "check that it still runs, then retry");
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static ObjectName objectName(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException constant) {
            throw new IllegalStateException(constant);
        }
    }
}
