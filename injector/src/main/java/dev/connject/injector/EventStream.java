package dev.connject.injector;

import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import javax.management.MBeanServerNotification;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.remote.JMXConnectionNotification;

/**
 * Follows the event batches of one target and prints each event as it arrives, and notices the
 * events that never arrive. Each batch says which event sequence numbers it carries, so a gap
 * between two batches counts exactly the events this watch missed, whether the JMX connector
 * dropped batches that waited too long for this client, or anything else lost them.
 *
 * <p>Ends after a given number of printed events, when connject is detached from the target,
 * when the connection to the target closes, or when stopped.
 */
final class EventStream implements NotificationListener {

    /** Why the stream ended. */
    enum End {
        /** As many events as asked for were printed. */
        COUNT_REACHED,
        /** connject was detached from the target; no more events will come. */
        DETACHED,
        /** The JMX connection closed or failed: the target exited, most likely. */
        CONNECTION_LOST,
        /** The watch itself is ending, at Ctrl-C. */
        STOPPED
    }

    private final long pid;
    private final Output output;
    private final UnaryOperator<String> format;
    private final long limit;
    private final CountDownLatch ended = new CountDownLatch(1);
    private End end;
    private long expectedSequence = -1;
    private long printed;
    private long skipped;
    private long unaccountedBatches;

    /**
     * @param format turns an event's JSON line into the line printed
     * @param limit  the number of events to print before ending
     */
    EventStream(long pid, Output output, UnaryOperator<String> format, long limit) {
        this.pid = pid;
        this.output = output;
        this.format = format;
        this.limit = limit;
    }

    @Override
    public synchronized void handleNotification(Notification notification, Object handback) {
        if (end != null) {
            return;
        }
        String type = notification.getType();
        if (type.equals(AgentClient.EVENTS)) {
            batch(notification);
        } else if (type.equals(JMXConnectionNotification.NOTIFS_LOST)) {
            unaccountedBatches += (Long) notification.getUserData();
        } else if (type.equals(JMXConnectionNotification.CLOSED) || type.equals(JMXConnectionNotification.FAILED)) {
            finish(End.CONNECTION_LOST);
        } else if (type.equals(MBeanServerNotification.UNREGISTRATION_NOTIFICATION)
                && AgentClient.AGENT.equals(((MBeanServerNotification) notification).getMBeanName())) {
            finish(End.DETACHED);
        }
    }

    /** Waits for the end: the count reached, connject detached, or the connection lost. */
    End awaitEnd() throws InterruptedException {
        ended.await();
        synchronized (this) {
            return end;
        }
    }

    /**
     * Ends the stream where it stands, for a watch ending at Ctrl-C: nothing is printed after the
     * summary that follows. Whoever awaits the end goes on waiting, for the JVM is exiting.
     */
    synchronized void stop() {
        if (end == null) {
            end = End.STOPPED;
        }
    }

    /** What the watch saw, for standard error: events printed and skipped. */
    synchronized String summary() {
        return "watched JVM " + pid + ": " + printed + " events printed, " + skipped + " skipped"
                + (unaccountedBatches == 0 ? ""
                : ", and " + unaccountedBatches + " batches of events lost at the end, of unknown size");
    }

    private void batch(Notification batch) {
        String[] range = batch.getMessage().split(" ");
        long first = Long.parseLong(range[0]);
        long count = Long.parseLong(range[1]);
        if (expectedSequence >= 0 && first > expectedSequence) {
            long missed = first - expectedSequence;
            skipped += missed;
            unaccountedBatches = 0;
            output.out().flush();
            output.notice("skipped " + missed + " events: this watch fell behind JVM " + pid
                    + ", whose JMX connector dropped them");
        }
        expectedSequence = Math.max(expectedSequence, first + count);
        for (String json : ((String) batch.getUserData()).split("\n")) {
            if (json.isEmpty()) {
                continue;
            }
            output.out().println(format.apply(json));
            if (++printed == limit) {
                finish(End.COUNT_REACHED);
                break;
            }
        }
        output.out().flush();
    }

    private void finish(End reason) {
        end = reason;
        ended.countDown();
    }
}
