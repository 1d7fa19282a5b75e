package dev.connject.agent.hook;

import sun.nio.ch.ConnjectHooks;
import org.objectweb.asm.MethodVisitor;

/**
 * {@code SocketChannelImpl#connect(SocketAddress)}: blocking and non-blocking channels, TCP and
 * UNIX-domain, {@code SocketChannel.open(address)} and {@code HttpClient}. A {@code false} return
 * leaves the attempt pending until {@code finishConnect} or close.
 */
final class ChannelConnectAdvice extends ApiAdvice {

    ChannelConnectAdvice() {
        super("sun/nio/ch/SocketChannelImpl", "connect", "(Ljava/net/SocketAddress;)Z", RETURNED_BOOLEAN);
    }

    @Override
    void enter(MethodVisitor mv) {
        pushBegin(mv, ConnjectHooks.API_CHANNEL, 1);
        mv.visitInsn(LCONST_0);
        callHook(mv, "begin", BEGIN);
    }
}
