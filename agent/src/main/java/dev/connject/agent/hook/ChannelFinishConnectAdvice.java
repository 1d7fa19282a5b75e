package dev.connject.agent.hook;

import org.objectweb.asm.MethodVisitor;

/** {@code SocketChannelImpl#finishConnect()}: completes a non-blocking channel's pending attempt. */
final class ChannelFinishConnectAdvice extends ApiAdvice {

    ChannelFinishConnectAdvice() {
        super("sun/nio/ch/SocketChannelImpl", "finishConnect", "()Z", RETURNED_BOOLEAN);
    }

    @Override
    void enter(MethodVisitor mv) {
        mv.visitVarInsn(ALOAD, 0);
        callHook(mv, "resume", OWNER_ONLY);
    }
}
