package dev.connject.probe;

import java.lang.management.ManagementFactory;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

/**
 * Waits well past the agent's start, prints how many MBean servers exist, then finds connject's
 * MBean: in the platform MBean server it asks for with the argument {@code ask}, otherwise in the
 * server that exists already. Prints the MBean's mode, or {@code absent}.
 */
public final class JmxOnDemand {

    private static final long SETTLE_MILLIS = 3000;
    private static final long PATIENCE_NANOS = 10_000_000_000L;

    private JmxOnDemand() {
    }

    public static void main(String[] arguments) throws Exception {
        Thread.sleep(SETTLE_MILLIS);
        List<MBeanServer> servers = MBeanServerFactory.findMBeanServer(null);
        System.out.println("servers " + servers.size());
        MBeanServer server = arguments.length > 0 && arguments[0].equals("ask")
                ? ManagementFactory.getPlatformMBeanServer() : servers.isEmpty() ? null : servers.get(0);
        ObjectName agent = new ObjectName("dev.connject:type=Agent");
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (server != null && !server.isRegistered(agent) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        System.out.println("connject " + (server != null && server.isRegistered(agent)
                ? server.getAttribute(agent, "Mode") : "absent"));
    }
}
