package dev.connject.agent.attempt;

import java.util.stream.Stream;

/**
 * Captures the application frames that made a connect: the frames below the JDK's and
 * connject's own, innermost first.
 */
final class CallerCapture {

    /** Without class references: resolving each frame's class would cost the walk several times over. */
    private static final StackWalker WALKER = StackWalker.getInstance();

    private CallerCapture() {
    }

    static StackWalker.StackFrame[] capture(int frames) {
        return WALKER.walk(stack -> applicationFrames(stack).limit(frames).toArray(StackWalker.StackFrame[]::new));
    }

    private static Stream<StackWalker.StackFrame> applicationFrames(Stream<StackWalker.StackFrame> stack) {
        return stack.filter(frame -> isApplication(frame.getClassName()));
    }

    /** Whether a class belongs to the application rather than to the JDK or to connject's agent. */
    private static boolean isApplication(String className) {
        return !(className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.sun.")
                || className.startsWith("dev.connject.agent."));
    }
}
