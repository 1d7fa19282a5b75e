package dev.connject.agent.hook;

import sun.nio.ch.ConnjectHooks;
import org.objectweb.asm.MethodVisitor;

/**
 * {@code UnixAsynchronousSocketChannelImpl#implConnect}: both the Future and the
 * CompletionHandler form. It never throws a connect failure; its outcome is whatever connect(2)
 * answered, and a pending attempt completes in {@code finishConnect}.
 */
final class AsyncConnectAdvice extends ApiAdvice {

    AsyncConnectAdvice() {
        super("sun/nio/ch/UnixAsynchronousSocketChannelImpl", "implConnect",
                "(Ljava/net/SocketAddress;Ljava/lang/Object;Ljava/nio/channels/CompletionHandler;)Ljava/util/concurrent/Future;",
                ConnjectHooks.SEE_SYSCALLS);
    }

    @Override
    void enter(MethodVisitor mv) {
        pushBegin(mv, ConnjectHooks.API_ASYNC, 1);
        mv.visitInsn(LCONST_0);
        callHook(mv, "begin", BEGIN);
    }
}
