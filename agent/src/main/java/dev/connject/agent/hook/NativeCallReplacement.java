package dev.connject.agent.hook;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Replaces a method's calls to one native method of its own class by calls to the hook that stands in for it. */
final class NativeCallReplacement extends MethodVisitor {

    private final String owner;
    private final String nativeName;
    private final String nativeDescriptor;
    private final String hook;

    NativeCallReplacement(MethodVisitor target, String owner, String nativeName, String nativeDescriptor, String hook) {
        super(Opcodes.ASM9, target);
        this.owner = owner;
        this.nativeName = nativeName;
        this.nativeDescriptor = nativeDescriptor;
        this.hook = hook;
    }

    @Override
    public void visitMethodInsn(int opcode, String callee, String name, String descriptor, boolean isInterface) {
        if (opcode == Opcodes.INVOKESTATIC && callee.equals(owner) && name.equals(nativeName)
                && descriptor.equals(nativeDescriptor)) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, Advice.HOOKS, hook, nativeDescriptor, false);
        } else {
            super.visitMethodInsn(opcode, callee, name, descriptor, isInterface);
        }
    }
}
