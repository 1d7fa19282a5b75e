package dev.connject.agent.hook;

import sun.nio.ch.ConnjectHooks;
import org.objectweb.asm.MethodVisitor;

/**
 * {@code java.net.Socket#connect(SocketAddress, int)}: every connecting Socket constructor,
 * {@code HttpURLConnection}, and the timeout exactly as the application gave it (the SOCKS layer
 * below passes on only what remains of it).
 */
final class SocketConnectAdvice extends ApiAdvice {

    SocketConnectAdvice() {
        super("java/net/Socket", "connect", "(Ljava/net/SocketAddress;I)V", ConnjectHooks.CONNECTED);
    }

    @Override
    void enter(MethodVisitor mv) {
        pushBegin(mv, ConnjectHooks.API_SOCKET, 1);
        mv.visitVarInsn(ILOAD, 2);
        mv.visitInsn(I2L);
        callHook(mv, "begin", BEGIN);
    }
}
