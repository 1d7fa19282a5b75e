package dev.connject.agent.hook;

import org.objectweb.asm.MethodVisitor;

/**
 * Advice on the JDK method that wraps one native system call. Its entry hook may answer in the
 * native method's place (an injected fault); its exit hooks record what the kernel answered.
 * While weaving, it notes the line of the native call so that an injected exception can carry
 * the same stack trace as a real one.
 */
abstract class SyscallAdvice extends Advice {

    private final String nativeName;
    private final String exitPrefix;
    private final NativeCallLines lines;

    SyscallAdvice(String owner, String name, String descriptor, String nativeName, String exitPrefix,
                  NativeCallLines lines) {
        super(owner, name, descriptor);
        this.nativeName = nativeName;
        this.exitPrefix = exitPrefix;
        this.lines = lines;
    }

    @Override
    final boolean answers() {
        return true;
    }

    @Override
    final void returned(MethodVisitor mv, int returnOpcode) {
        mv.visitInsn(DUP);
        callHook(mv, exitPrefix + "Returned", INT_ONLY);
    }

    @Override
    final void threw(MethodVisitor mv) {
        callHook(mv, exitPrefix + "Threw", THROWABLE_ONLY);
    }

    @Override
    final MethodVisitor body(MethodVisitor mv) {
        return lines.noting(mv, owner(), nativeName);
    }
}
