package dev.connject.agent.hook;

import sun.nio.ch.ConnjectHooks;
import org.objectweb.asm.MethodVisitor;

/** {@code DatagramChannelImpl#connect(SocketAddress, boolean)}: DatagramChannel and, through its adaptor, DatagramSocket. */
final class DatagramConnectAdvice extends ApiAdvice {

    DatagramConnectAdvice() {
        super("sun/nio/ch/DatagramChannelImpl", "connect", "(Ljava/net/SocketAddress;Z)Ljava/nio/channels/DatagramChannel;",
                ConnjectHooks.CONNECTED);
    }

    @Override
    void enter(MethodVisitor mv) {
        pushBegin(mv, ConnjectHooks.API_DATAGRAM, 1);
        mv.visitInsn(LCONST_0);
        callHook(mv, "begin", BEGIN);
    }
}
