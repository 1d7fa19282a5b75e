package dev.connject.agent.attempt;

import java.util.ArrayList;
import java.util.List;

/**
 * Stack traces as the JDK's own would read. An error that passed through connject's hooks, or
 * that connject made, shows a native frame on top and no frame of connject's: what a real
 * failure of the same call shows.
 */
public final class StackTraces {

    private static final String CONNJECT_LOADER = StackTraces.class.getClassLoader().getName();

    /** The line number {@link StackTraceElement} uses for a native method. */
    private static final int NATIVE_METHOD = -2;

    private StackTraces() {
    }

    /**
     * Gives an exception the trace of one thrown by native {@code nativeMethod}, called by the
     * JDK frame that called connject's hook, at line {@code callLine} when known. Serves both an
     * exception connject made and one a native call of connject's own threw: either way, the
     * frames from the last of connject's up are replaced. The native method is declared in the
     * same class as that caller, as every one connject stands in for is. The frames made here
     * carry no module version: printed, a JDK frame shows none, and a made frame could not say it
     * belongs to the JDK otherwise.
     */
    public static <T extends Throwable> T asThrownByNative(T thrown, String nativeClass, String nativeMethod,
                                                           int callLine) {
        StackTraceElement[] trace = thrown.getStackTrace();
        int first = trace.length;
        while (first > 0 && !isConnjects(trace[first - 1])) {
            first--;
        }
        if (first == 0) {
            return thrown;
        }
        List<StackTraceElement> rebuilt = new ArrayList<>(trace.length - first + 1);
        StackTraceElement caller = first < trace.length ? trace[first] : null;
        rebuilt.add(new StackTraceElement(caller == null ? null : caller.getClassLoaderName(),
                caller == null ? "java.base" : caller.getModuleName(), null,
                nativeClass, nativeMethod, caller == null ? null : caller.getFileName(), NATIVE_METHOD));
        for (int i = first; i < trace.length; i++) {
            StackTraceElement frame = trace[i];
            if (i == first && callLine > 0) {
                frame = new StackTraceElement(frame.getClassLoaderName(), frame.getModuleName(), null,
                        frame.getClassName(), frame.getMethodName(), frame.getFileName(), callLine);
            }
            rebuilt.add(frame);
        }
        thrown.setStackTrace(rebuilt.toArray(StackTraceElement[]::new));
        return thrown;
    }

    /** connject's classes: those of its own class loader, and those it defines inside {@code java.base}. */
    private static boolean isConnjects(StackTraceElement frame) {
        return CONNJECT_LOADER.equals(frame.getClassLoaderName()) || frame.getClassName().startsWith("sun.nio.ch.Connject");
    }
}
