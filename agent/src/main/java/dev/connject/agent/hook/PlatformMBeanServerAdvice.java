package dev.connject.agent.hook;

import org.objectweb.asm.MethodVisitor;

/**
 * {@code ManagementFactory#getPlatformMBeanServer()}: JMX is up in this JVM, because the JDK's
 * management agent started (JConsole, VisualVM, JMC or connject's injector connecting) or the
 * application asked for the server. Not a connect path: it tells the agent that its MBean can
 * join the server, which connject never creates on its own at start-up.
 */
final class PlatformMBeanServerAdvice extends Advice {

    static final String OWNER = "java/lang/management/ManagementFactory";

    PlatformMBeanServerAdvice() {
        super(OWNER, "getPlatformMBeanServer", "()Ljavax/management/MBeanServer;");
    }

    @Override
    void enter(MethodVisitor mv) {
    }

    @Override
    void returned(MethodVisitor mv, int returnOpcode) {
        callHook(mv, "platformMBeanServer", "()V");
    }
}
