package dev.connject.injector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.server.RMIServerSocketFactory;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.NotificationListener;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A JMX connector of the test's own, on the loopback, with the MBean an agent of an earlier build registers. */
class AgentClientTest {

    /** What an agent of an earlier build offers: events to whoever listens, and no {@code watch} operation. */
    public interface EarlierAgentMBean {
        String getVersion();
    }

    public static final class EarlierAgent extends NotificationBroadcasterSupport implements EarlierAgentMBean {
        @Override
        public String getVersion() {
            return "0.1.0";
        }
    }

    private final EarlierAgent agent = new EarlierAgent();
    private JMXConnectorServer connector;

    @BeforeEach
    void startConnector() throws Exception {
        System.setProperty("java.rmi.server.hostname", InetAddress.getLoopbackAddress().getHostAddress());
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        server.registerMBean(agent, AgentClient.AGENT);
        RMIServerSocketFactory loopbackOnly = port -> new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        connector = JMXConnectorServerFactory.newJMXConnectorServer(new JMXServiceURL("service:jmx:rmi://127.0.0.1"),
                Map.of(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, loopbackOnly), server);
        connector.start();
    }

    @AfterEach
    void stopConnector() throws IOException {
        connector.stop();
    }

    @Test
    void followsAnAgentOfAnEarlierBuildWithoutALease() throws Exception {
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        NotificationListener listener = (notification, handback) -> {
            if (notification.getType().equals(AgentClient.EVENTS)) {
                events.add((String) notification.getUserData());
            }
        };
        try (AgentClient client = AgentClient.connect(4242, connector.getAddress().toString())) {
            client.follow(listener);
            Notification batch = new Notification(AgentClient.EVENTS, AgentClient.AGENT, 1, "0 1");
            batch.setUserData("{\"id\":1}\n");
            agent.sendNotification(batch);

            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"id\":1}\n");
            client.unfollow(listener);
        }
    }
}
