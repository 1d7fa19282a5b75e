package dev.connject.agent.hook;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The source line at which a JDK method calls its native system call, as read from the class
 * being instrumented. A real failure's stack trace shows that line under the native frame; an
 * injected failure shows the same.
 */
public final class NativeCallLines {

    private final Map<String, Integer> lines = new ConcurrentHashMap<>();

    /** The line at which {@code owner} calls native {@code nativeName}, or -1 when unknown. */
    public int lineOf(String owner, String nativeName) {
        return lines.getOrDefault(owner + '.' + nativeName, -1);
    }

    MethodVisitor noting(MethodVisitor target, String owner, String nativeName) {
        return new MethodVisitor(Opcodes.ASM9, target) {
            private int line = -1;

            @Override
            public void visitLineNumber(int lineNumber, Label start) {
                line = lineNumber;
                super.visitLineNumber(lineNumber, start);
            }

            @Override
            public void visitMethodInsn(int opcode, String callee, String name, String descriptor, boolean isInterface) {
                if (callee.equals(owner) && name.equals(nativeName)) {
                    lines.put(owner + '.' + nativeName, line);
                }
                super.visitMethodInsn(opcode, callee, name, descriptor, isInterface);
            }
        };
    }
}
