package dev.connject.agent.hook;

import sun.nio.ch.ConnjectHooks;
import org.objectweb.asm.MethodVisitor;

/**
 * {@code DatagramChannelImpl#disconnect()}: its native {@code disconnect0} is connect(2) with
 * AF_UNSPEC, so it is recorded as an attempt with no remote address.
 */
final class DatagramDisconnectAdvice extends ApiAdvice {

    DatagramDisconnectAdvice() {
        super("sun/nio/ch/DatagramChannelImpl", "disconnect", "()Ljava/nio/channels/DatagramChannel;", ConnjectHooks.SEE_SYSCALLS);
    }

    @Override
    void enter(MethodVisitor mv) {
        pushBegin(mv, ConnjectHooks.API_DATAGRAM, -1);
        mv.visitInsn(LCONST_0);
        callHook(mv, "begin", BEGIN);
    }

    @Override
    MethodVisitor body(MethodVisitor mv) {
        return new NativeCallReplacement(mv, owner(), "disconnect0", "(Ljava/io/FileDescriptor;Z)V", "disconnect");
    }
}
