package dev.connject.injector;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * How the injector reaches a JVM's attach listener, which loads agents, reports system properties
 * and starts the JVM's local JMX connector on request. Through the JDK's attach API where this
 * runtime has the {@code jdk.attach} module; where it does not, such as a runtime trimmed by
 * jlink, through Byte Buddy's emulation of the HotSpot attach protocol, which speaks it over a
 * UNIX socket through JNA.
 */
interface Attacher {

    /** The variant this runtime supports. */
    static Attacher forThisRuntime() {
        return ModuleLayer.boot().findModule("jdk.attach").isPresent() ? new ForJdkAttachApi() : new ForEmulation();
    }

    /**
     * Attaches to the JVM {@code pid}, waking its attach listener if it is not running yet.
     *
     * @throws IOException if the JVM does not answer or refuses
     */
    AttachedJvm attach(long pid) throws IOException;

    /** A JVM attached to; closing lets it go, and leaves it running. */
    interface AttachedJvm extends Closeable {

        Properties systemProperties() throws IOException;

        /**
         * Loads a Java agent from {@code jar}, as {@code -javaagent} would, and returns once its
         * {@code agentmain} has returned.
         *
         * @param options the agent's options, or {@code null} for none
         * @throws IOException if the JVM refuses the agent or the agent throws
         */
        void loadAgent(Path jar, String options) throws IOException;

        /** Starts the JVM's local JMX connector unless it runs already; returns its address. */
        String startLocalManagementAgent() throws IOException;
    }

    /** Through {@code com.sun.tools.attach}, the JDK's own attach API. */
    final class ForJdkAttachApi implements Attacher {

        @Override
        public AttachedJvm attach(long pid) throws IOException {
            com.sun.tools.attach.VirtualMachine jvm;
            try {
                jvm = com.sun.tools.attach.VirtualMachine.attach(Long.toString(pid));
            } catch (AttachNotSupportedException refused) {
                throw new IOException(refused.getMessage(), refused);
            }
            return new AttachedJvm() {
                @Override
                public Properties systemProperties() throws IOException {
                    return jvm.getSystemProperties();
                }

                @Override
                public void loadAgent(Path jar, String options) throws IOException {
                    try {
                        jvm.loadAgent(jar.toString(), options);
                    } catch (AgentLoadException | AgentInitializationException failed) {
                        throw new IOException(failed.getMessage(), failed);
                    }
                }

                @Override
                public String startLocalManagementAgent() throws IOException {
                    return jvm.startLocalManagementAgent();
                }

                @Override
                public void close() throws IOException {
                    jvm.detach();
                }
            };
        }
    }

    /**
     * Through Byte Buddy's {@code VirtualMachine.ForHotSpot}: the protocol of the JDK's attach API,
     * spoken over JNA. Its failures are unchecked; here they become the {@code IOException}s of the
     * JDK's API.
     */
    final class ForEmulation implements Attacher {

        /** Byte Buddy's own: how often, and how long apart, to look for the JVM's socket. */
        private static final int ATTEMPTS = 15;
        private static final long PAUSE_MILLIS = 100;

        @Override
        public AttachedJvm attach(long pid) throws IOException {
            net.bytebuddy.agent.VirtualMachine jvm;
            try {
                // the JVM's socket is in its own /tmp, which a JVM in a container does not share with this one
                String temporary = LinuxProcess.of(pid).seenFromProcess("/tmp").toString();
                jvm = net.bytebuddy.agent.VirtualMachine.ForHotSpot.attach(Long.toString(pid),
                        new net.bytebuddy.agent.VirtualMachine.ForHotSpot.Connection.ForJnaPosixSocket.Factory(
                                temporary, ATTEMPTS, PAUSE_MILLIS, TimeUnit.MILLISECONDS));
            } catch (RuntimeException refused) {
                throw new IOException(refused.getMessage(), refused);
            }
            return new AttachedJvm() {
                @Override
                public Properties systemProperties() throws IOException {
                    try {
                        return jvm.getSystemProperties();
                    } catch (RuntimeException failed) {
                        throw new IOException(failed.getMessage(), failed);
                    }
                }

                @Override
                public void loadAgent(Path jar, String options) throws IOException {
                    try {
                        jvm.loadAgent(jar.toString(), options);
                    } catch (RuntimeException failed) {
                        throw new IOException(failed.getMessage(), failed);
                    }
                }

                @Override
                public String startLocalManagementAgent() throws IOException {
                    try {
                        return jvm.startLocalManagementAgent();
                    } catch (RuntimeException failed) {
                        throw new IOException(failed.getMessage(), failed);
                    }
                }

                @Override
                public void close() throws IOException {
                    jvm.detach();
                }
            };
        }
    }
}
