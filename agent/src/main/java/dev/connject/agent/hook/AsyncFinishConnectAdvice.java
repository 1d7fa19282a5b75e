package dev.connject.agent.hook;

import sun.nio.ch.ConnjectHooks;
import org.objectweb.asm.MethodVisitor;

/**
 * {@code UnixAsynchronousSocketChannelImpl#finishConnect(boolean)}: runs when the pending socket
 * becomes writable. Its native {@code checkConnect} reads SO_ERROR inside a try block whose
 * exception goes to the Future or handler, so that call is replaced by the hook standing in for it.
 */
final class AsyncFinishConnectAdvice extends ApiAdvice {

    AsyncFinishConnectAdvice() {
        super("sun/nio/ch/UnixAsynchronousSocketChannelImpl", "finishConnect", "(Z)V", ConnjectHooks.SEE_SYSCALLS);
    }

    @Override
    void enter(MethodVisitor mv) {
        mv.visitVarInsn(ALOAD, 0);
        callHook(mv, "resume", OWNER_ONLY);
    }

    @Override
    MethodVisitor body(MethodVisitor mv) {
        return new NativeCallReplacement(mv, owner(), "checkConnect", "(I)V", "checkConnect");
    }
}
