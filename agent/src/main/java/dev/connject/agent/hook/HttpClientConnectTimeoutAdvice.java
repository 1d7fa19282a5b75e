package dev.connject.agent.hook;

import org.objectweb.asm.MethodVisitor;

/**
 * {@code PlainHttpConnection.ConnectTimerEvent#handle()}: {@code HttpClient}'s own connect timeout
 * fired. The channel is closed afterwards; without this the attempt would read as abandoned
 * rather than timed out.
 */
final class HttpClientConnectTimeoutAdvice extends Advice {

    private static final String CONNECTION = "jdk/internal/net/http/PlainHttpConnection";

    HttpClientConnectTimeoutAdvice() {
        super(CONNECTION + "$ConnectTimerEvent", "handle", "()V");
    }

    @Override
    void enter(MethodVisitor mv) {
        mv.visitVarInsn(ALOAD, 0);
        mv.visitFieldInsn(GETFIELD, owner(), "this$0", "L" + CONNECTION + ";");
        mv.visitFieldInsn(GETFIELD, CONNECTION, "chan", "Ljava/nio/channels/SocketChannel;");
        callHook(mv, "timedOut", OWNER_ONLY);
    }

    @Override
    boolean observesExit() {
        return false;
    }
}
