package dev.connject.launcher;

import java.lang.instrument.Instrumentation;
import java.net.URL;

/**
 * The agent's entry point for {@code -javaagent} and for dynamic attach. It knows nothing of
 * connject beyond one class name: it opens connject's own class loader over the classes packed
 * inside this jar and starts the agent there, so that nothing connject uses is visible to the
 * application or clashes with the application's own libraries.
 *
 * <p>The agent starts by initializing its entry class, which takes the launch arguments from its
 * class loader: no reflective call, which from Java 18 on would cost the application's start-up
 * the spinning of method handles.
 *
 * <p>Fail open: whatever goes wrong here is reported in one line and the application carries on.
 */
public final class AgentLauncher {

    private static final String AGENT_CLASS = "dev.connject.agent.Agent";

    private AgentLauncher() {
    }

    public static void premain(String options, Instrumentation instrumentation) {
        launch(options, instrumentation, false);
    }

    public static void agentmain(String options, Instrumentation instrumentation) {
        launch(options, instrumentation, true);
    }

    private static void launch(String options, Instrumentation instrumentation, boolean attached) {
        if ("true".equals(System.getenv("CONNJECT_DISABLED")) || Boolean.getBoolean("connject.disabled")) {
            return;
        }
        try {
            URL jar = AgentLauncher.class.getProtectionDomain().getCodeSource().getLocation();
            Class.forName(AGENT_CLASS, true,
                    new PackedClassLoader(jar, new Object[] {options, instrumentation, attached}));
        } catch (Throwable failure) {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            System.err.println("connject: not started, the application runs without it: " + cause);
        }
    }
}
