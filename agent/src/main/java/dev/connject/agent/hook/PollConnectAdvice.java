package dev.connject.agent.hook;

import org.objectweb.asm.MethodVisitor;

/**
 * {@code sun.nio.ch.Net#pollConnectNow(FileDescriptor)}: how every blocking, timed and
 * non-blocking TCP connect learns its outcome: poll(2), then SO_ERROR when the socket is ready.
 */
final class PollConnectAdvice extends SyscallAdvice {

    PollConnectAdvice(NativeCallLines lines) {
        super("sun/nio/ch/Net", "pollConnectNow", "(Ljava/io/FileDescriptor;)Z", "pollConnect", "poll", lines);
    }

    @Override
    void enter(MethodVisitor mv) {
        mv.visitVarInsn(ALOAD, 0);
        callHook(mv, "pollConnect", "(Ljava/io/FileDescriptor;)I");
    }
}
