package dev.connject.agent.attempt;

import java.util.ArrayList;
import java.util.List;

/**
 * Stack traces as the JDK's own would read. An error that passed through connject's hooks, or
 * that connject made, shows a native frame on top and no frame of connject's: exactly what a
 * real failure of the same call shows.
 */
public final class StackTraces {

    /** The line number {@link StackTraceElement} uses for a native method. */
    private static final int NATIVE_METHOD = -2;

    private StackTraces() {
    }

    /** Removes connject's frames from an exception the kernel caused and the JDK made, which then passed through a hook. */
    public static <T extends Throwable> T asThrownByTheJdk(T thrown) {
        StackTraceElement[] trace = thrown.getStackTrace();
        List<StackTraceElement> kept = new ArrayList<>(trace.length);
        for (StackTraceElement frame : trace) {
            if (!isConnjects(frame)) {
                kept.add(frame);
            }
        }
        if (kept.size() != trace.length) {
            thrown.setStackTrace(kept.toArray(StackTraceElement[]::new));
        }
        return thrown;
    }

    /**
     * Gives an exception made by connject the trace of one thrown by native {@code nativeMethod},
     * called by the first JDK frame below connject's at line {@code callLine} (when known). The
     * native method is declared in the same class as that caller, as every one connject stands in
     * for is.
     */
    public static <T extends Throwable> T asThrownByNative(T thrown, String nativeClass, String nativeMethod,
                                                           int callLine) {
        StackTraceElement[] trace = thrown.getStackTrace();
        int first = 0;
        while (first < trace.length && isConnjects(trace[first])) {
            first++;
        }
        List<StackTraceElement> rebuilt = new ArrayList<>(trace.length - first + 1);
        StackTraceElement caller = first < trace.length ? trace[first] : null;
        rebuilt.add(new StackTraceElement(caller == null ? null : caller.getClassLoaderName(),
                caller == null ? "java.base" : caller.getModuleName(),
                caller == null ? null : caller.getModuleVersion(),
                nativeClass, nativeMethod, caller == null ? null : caller.getFileName(), NATIVE_METHOD));
        for (int i = first; i < trace.length; i++) {
            StackTraceElement frame = trace[i];
            if (i == first && callLine > 0) {
                frame = new StackTraceElement(frame.getClassLoaderName(), frame.getModuleName(),
                        frame.getModuleVersion(), frame.getClassName(), frame.getMethodName(), frame.getFileName(),
                        callLine);
            }
            rebuilt.add(frame);
        }
        thrown.setStackTrace(rebuilt.toArray(StackTraceElement[]::new));
        return thrown;
    }

    private static boolean isConnjects(StackTraceElement frame) {
        String name = frame.getClassName();
        return name.startsWith("dev.connject.") || name.equals("sun.nio.ch.ConnjectHooks")
                || name.startsWith("java.lang.invoke.");
    }
}
