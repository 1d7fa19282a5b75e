package dev.connject.agent.hook;

import org.objectweb.asm.MethodVisitor;

/**
 * {@code sun.nio.ch.Net#connect(ProtocolFamily, FileDescriptor, InetAddress, int)}: the one place
 * every TCP and UDP connect of the JDK calls connect(2), through the native {@code connect0}.
 */
final class NetConnectAdvice extends SyscallAdvice {

    NetConnectAdvice(NativeCallLines lines) {
        super("sun/nio/ch/Net", "connect",
                "(Ljava/net/ProtocolFamily;Ljava/io/FileDescriptor;Ljava/net/InetAddress;I)I",
                "connect0", "connect", lines);
    }

    @Override
    void enter(MethodVisitor mv) {
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 1);
        mv.visitVarInsn(ALOAD, 2);
        mv.visitVarInsn(ILOAD, 3);
        callHook(mv, "connect",
                "(Ljava/net/ProtocolFamily;Ljava/io/FileDescriptor;Ljava/net/InetAddress;I)I");
    }
}
