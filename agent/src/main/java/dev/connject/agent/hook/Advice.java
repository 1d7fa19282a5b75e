package dev.connject.agent.hook;

import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * What connject adds to one JDK method: a call to a hook when the method starts and, unless
 * {@link #observesExit()} is false, a call when it returns or throws. Each subclass serves one
 * connect path and is named for it, but for {@link PlatformMBeanServerAdvice}, which tells when
 * JMX is up.
 */
abstract class Advice implements Opcodes {

    /** Internal name of the hooks class once it is defined inside {@code java.base}. */
    static final String HOOKS = "sun/nio/ch/ConnjectHooks";

    static final String BEGIN = "(ILjava/lang/Object;Ljava/net/SocketAddress;J)V";
    static final String OWNER_ONLY = "(Ljava/lang/Object;)V";
    static final String INT_ONLY = "(I)V";
    static final String THROWABLE_ONLY = "(Ljava/lang/Throwable;)V";

    private final String owner;
    private final String name;
    private final String descriptor;

    Advice(String owner, String name, String descriptor) {
        this.owner = owner;
        this.name = name;
        this.descriptor = descriptor;
    }

    final String owner() {
        return owner;
    }

    final boolean appliesTo(String methodName, String methodDescriptor) {
        return name.equals(methodName) && descriptor.equals(methodDescriptor);
    }

    /** {@code Owner.name(descriptor)}: how status and logs name the method. */
    final String describe() {
        return owner.replace('/', '.') + '.' + name + descriptor;
    }

    /** Emits the call made when the method starts. */
    abstract void enter(MethodVisitor mv);

    /**
     * Whether {@link #enter} leaves an int on the stack: {@code ConnjectHooks.PROCEED} to run the method,
     * anything else to return that value at once.
     */
    boolean answers() {
        return false;
    }

    boolean observesExit() {
        return true;
    }

    /** Emits the call made on a normal return; the return value, if any, is on the stack and must stay. */
    void returned(MethodVisitor mv, int returnOpcode) {
    }

    /** Emits the call made when the method throws; consumes the throwable on top of the stack. */
    void threw(MethodVisitor mv) {
        mv.visitInsn(POP);
    }

    /** Lets the advice see (and replace) the calls the method makes, for the native calls it stands in for. */
    MethodVisitor body(MethodVisitor mv) {
        return mv;
    }

    static void callHook(MethodVisitor mv, String hook, String hookDescriptor) {
        mv.visitMethodInsn(INVOKESTATIC, HOOKS, hook, hookDescriptor, false);
    }

    /** Pushes the arguments of {@code ConnjectHooks.begin} for an API method whose receiver is the connecting object. */
    static void pushBegin(MethodVisitor mv, int api, int remoteSlot) {
        mv.visitLdcInsn(api);
        mv.visitVarInsn(ALOAD, 0);
        if (remoteSlot < 0) {
            mv.visitInsn(ACONST_NULL);
        } else {
            mv.visitVarInsn(ALOAD, remoteSlot);
        }
    }
}
