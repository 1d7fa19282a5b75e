package dev.connject.agent;

import dev.connject.agent.control.AgentOptions;
import dev.connject.agent.control.RunningAgent;
import dev.connject.agent.log.LogLevel;
import dev.connject.agent.platform.BootClasses;
import dev.connject.agent.platform.JdkInternals;
import java.lang.instrument.Instrumentation;
import java.util.function.Consumer;
import java.util.function.Supplier;
import dev.connject.agent.log.AgentLog;

/**
 * Starts connject inside its own class loader when the launcher initializes this class, taking
 * the launch arguments from that class loader. Once per JVM: a second {@code -javaagent} or
 * attach finds the running agent and only hands it its options. Refers to no class that extends
 * or names connject's classes inside {@code java.base} until it has defined them.
 */
public final class Agent {

    static {
        @SuppressWarnings("unchecked")
        Object[] launch = ((Supplier<Object[]>) Agent.class.getClassLoader()).get();
        start((String) launch[0], (Instrumentation) launch[1], (Boolean) launch[2]);
    }

    private Agent() {
    }

    private static void start(String options, Instrumentation instrumentation, boolean attached) {
        AgentOptions parsed = AgentOptions.parse(options, System.getenv(), System.getProperties());
        LogLevel.set(parsed.log());
        try {
            JdkInternals.open(instrumentation);
            BootClasses.defineOrFind();
            Consumer<String> running = RunningAgent.control();
            if (running != null) {
                running.accept(options == null ? "" : options);
                return;
            }
            RunningAgent.start(parsed, instrumentation, attached);
        } catch (Throwable failure) {
            AgentLog.error("not started, the application runs without connject", failure);
        }
    }
}
