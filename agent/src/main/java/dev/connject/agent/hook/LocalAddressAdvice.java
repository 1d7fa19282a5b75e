package dev.connject.agent.hook;

import org.objectweb.asm.MethodVisitor;

/**
 * {@code sun.nio.ch.Net#localAddress(FileDescriptor)}: getsockname(2), which the JDK calls itself
 * as soon as a connect completes. Its answer is the event's local address, so that recording a
 * connect that succeeds at once costs no system call of connject's own.
 */
final class LocalAddressAdvice extends Advice {

    LocalAddressAdvice() {
        super("sun/nio/ch/Net", "localAddress", "(Ljava/io/FileDescriptor;)Ljava/net/InetSocketAddress;");
    }

    @Override
    void enter(MethodVisitor mv) {
    }

    @Override
    void returned(MethodVisitor mv, int returnOpcode) {
        mv.visitInsn(DUP);
        mv.visitVarInsn(ALOAD, 0);
        mv.visitInsn(SWAP);
        callHook(mv, "localAddressRead", "(Ljava/io/FileDescriptor;Ljava/net/InetSocketAddress;)V");
    }
}
