package dev.connject.agent.hook;

import org.objectweb.asm.MethodVisitor;

/** {@code sun.nio.ch.UnixDomainSockets#connect(FileDescriptor, Path)}: connect(2) of a UNIX-domain channel. */
final class UnixConnectAdvice extends SyscallAdvice {

    UnixConnectAdvice(NativeCallLines lines) {
        super("sun/nio/ch/UnixDomainSockets", "connect", "(Ljava/io/FileDescriptor;Ljava/nio/file/Path;)I",
                "connect0", "connect", lines);
    }

    @Override
    void enter(MethodVisitor mv) {
        mv.visitVarInsn(ALOAD, 0);
        mv.visitVarInsn(ALOAD, 1);
        callHook(mv, "connectUnix", "(Ljava/io/FileDescriptor;Ljava/nio/file/Path;)I");
    }
}
