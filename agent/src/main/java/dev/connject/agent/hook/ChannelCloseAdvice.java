package dev.connject.agent.hook;

import org.objectweb.asm.MethodVisitor;

/** {@code SocketChannelImpl#implCloseSelectableChannel()}: a channel closed while its connect is pending abandons it. */
final class ChannelCloseAdvice extends Advice {

    ChannelCloseAdvice() {
        super("sun/nio/ch/SocketChannelImpl", "implCloseSelectableChannel", "()V");
    }

    @Override
    void enter(MethodVisitor mv) {
        mv.visitVarInsn(ALOAD, 0);
        callHook(mv, "closed", OWNER_ONLY);
    }

    @Override
    boolean observesExit() {
        return false;
    }
}
