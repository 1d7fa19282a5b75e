package dev.connject.agent.attempt;

import java.util.stream.Stream;

/**
 * Captures the application frames that made a connect: the frames below the JDK's and
 * connject's own, innermost first.
 */
final class CallerCapture {

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final ClassLoader CONNJECT = CallerCapture.class.getClassLoader();

    private CallerCapture() {
    }

    static StackWalker.StackFrame[] capture(int frames) {
        return WALKER.walk(stack -> applicationFrames(stack).limit(frames).toArray(StackWalker.StackFrame[]::new));
    }

    private static Stream<StackWalker.StackFrame> applicationFrames(Stream<StackWalker.StackFrame> stack) {
        return stack.filter(frame -> frame.getDeclaringClass().getClassLoader() != CONNJECT
                && isApplication(frame.getClassName()));
    }

    /** Whether a class belongs to the application rather than to the JDK. */
    private static boolean isApplication(String className) {
        return !(className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.sun."));
    }
}
