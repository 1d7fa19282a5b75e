package dev.connject.agent.hook;

import org.objectweb.asm.MethodVisitor;

/** {@code UnixAsynchronousSocketChannelImpl#implClose()}: closing abandons a pending connect. */
final class AsyncCloseAdvice extends Advice {

    AsyncCloseAdvice() {
        super("sun/nio/ch/UnixAsynchronousSocketChannelImpl", "implClose", "()V");
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
