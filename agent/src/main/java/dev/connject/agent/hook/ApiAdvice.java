package dev.connject.agent.hook;

import sun.nio.ch.ConnjectHooks;
import org.objectweb.asm.MethodVisitor;

/**
 * Advice on a public connecting method: it opens the attempt (which API, which object, where to,
 * with what timeout), and its exit says what the application was told.
 */
abstract class ApiAdvice extends Advice {

    /** The meaning of a normal return: {@link ConnjectHooks#CONNECTED}, {@link ConnjectHooks#SEE_SYSCALLS}, or -1 for the returned boolean. */
    private final int outcome;

    ApiAdvice(String owner, String name, String descriptor, int outcome) {
        super(owner, name, descriptor);
        this.outcome = outcome;
    }

    /** A normal return of a method answering whether it is connected: {@code true} connected, {@code false} pending. */
    static final int RETURNED_BOOLEAN = -1;

    @Override
    final void returned(MethodVisitor mv, int returnOpcode) {
        if (outcome == RETURNED_BOOLEAN) {
            mv.visitInsn(DUP);
        } else {
            mv.visitLdcInsn(outcome);
        }
        callHook(mv, "returned", INT_ONLY);
    }

    @Override
    final void threw(MethodVisitor mv) {
        callHook(mv, "threw", THROWABLE_ONLY);
    }
}
