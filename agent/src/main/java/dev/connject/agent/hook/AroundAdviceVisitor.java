package dev.connject.agent.hook;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Weaves an {@link Advice} into one method: the entry call before the original first instruction,
 * the exit call before each return, and a catch-all handler, placed last in the exception table so
 * that the method's own handlers still come first, that reports and rethrows.
 *
 * <p>Frames are written by hand (the class is read with expanded frames): computing them would
 * make ASM load classes while the JDK is in the middle of loading one.
 */
final class AroundAdviceVisitor extends MethodVisitor {

    private final Advice advice;
    private final Object[] entryLocals;
    private final Label bodyStart = new Label();
    private final Label handler = new Label();

    AroundAdviceVisitor(MethodVisitor target, Advice advice, int access, String descriptor) {
        super(Opcodes.ASM9, advice.body(target));
        this.advice = advice;
        this.entryLocals = entryLocals(advice.owner(), access, descriptor);
    }

    @Override
    public void visitCode() {
        super.visitCode();
        advice.enter(mv);
        if (advice.answers()) {
            Label proceed = new Label();
            mv.visitInsn(Opcodes.DUP);
            mv.visitLdcInsn(sun.nio.ch.ConnjectHooks.PROCEED);
            mv.visitJumpInsn(Opcodes.IF_ICMPEQ, proceed);
            // int and boolean methods alike return the hook's answer as it is
            mv.visitInsn(Opcodes.IRETURN);
            mv.visitLabel(proceed);
            mv.visitFrame(Opcodes.F_NEW, entryLocals.length, entryLocals, 1, new Object[] {Opcodes.INTEGER});
            mv.visitInsn(Opcodes.POP);
        }
        mv.visitLabel(bodyStart);
    }

    @Override
    public void visitInsn(int opcode) {
        if (advice.observesExit() && opcode >= Opcodes.IRETURN && opcode <= Opcodes.RETURN) {
            advice.returned(mv, opcode);
        }
        super.visitInsn(opcode);
    }

    @Override
    public void visitMaxs(int maxStack, int maxLocals) {
        if (advice.observesExit()) {
            mv.visitLabel(handler);
            mv.visitFrame(Opcodes.F_NEW, entryLocals.length, entryLocals, 1, new Object[] {"java/lang/Throwable"});
            mv.visitInsn(Opcodes.DUP);
            advice.threw(mv);
            mv.visitInsn(Opcodes.ATHROW);
            mv.visitTryCatchBlock(bodyStart, handler, handler, null);
        }
        super.visitMaxs(maxStack, maxLocals);
    }

    /** The locals at the method's entry, in the form {@code visitFrame} takes. */
    private static Object[] entryLocals(String owner, int access, String descriptor) {
        Type[] arguments = Type.getArgumentTypes(descriptor);
        boolean isStatic = (access & Opcodes.ACC_STATIC) != 0;
        Object[] locals = new Object[arguments.length + (isStatic ? 0 : 1)];
        int i = 0;
        if (!isStatic) {
            locals[i++] = owner;
        }
        for (Type argument : arguments) {
            locals[i++] = frameType(argument);
        }
        return locals;
    }

    private static Object frameType(Type type) {
        switch (type.getSort()) {
            case Type.BOOLEAN:
            case Type.BYTE:
            case Type.CHAR:
            case Type.SHORT:
            case Type.INT:
                return Opcodes.INTEGER;
            case Type.LONG:
                return Opcodes.LONG;
            case Type.FLOAT:
                return Opcodes.FLOAT;
            case Type.DOUBLE:
                return Opcodes.DOUBLE;
            case Type.ARRAY:
                return type.getDescriptor();
            default:
                return type.getInternalName();
        }
    }
}
