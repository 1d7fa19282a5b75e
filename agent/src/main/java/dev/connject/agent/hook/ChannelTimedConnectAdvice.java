package dev.connject.agent.hook;

import sun.nio.ch.ConnjectHooks;
import org.objectweb.asm.MethodVisitor;

/** {@code SocketChannelImpl#blockingConnect(SocketAddress, long)}: the {@code socket().connect(address, timeout)} adaptor. */
final class ChannelTimedConnectAdvice extends ApiAdvice {

    ChannelTimedConnectAdvice() {
        super("sun/nio/ch/SocketChannelImpl", "blockingConnect", "(Ljava/net/SocketAddress;J)V", ConnjectHooks.CONNECTED);
    }

    @Override
    void enter(MethodVisitor mv) {
        pushBegin(mv, ConnjectHooks.API_CHANNEL_TIMED, 1);
        mv.visitVarInsn(LLOAD, 2);
        mv.visitLdcInsn(1_000_000L);
        mv.visitInsn(LDIV);
        callHook(mv, "begin", BEGIN);
    }
}
