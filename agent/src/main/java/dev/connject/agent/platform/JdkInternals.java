package dev.connject.agent.platform;

import java.lang.instrument.Instrumentation;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The module edges connject needs into the JDK, added once at start: {@code sun.nio.ch}, where
 * the hooks live, opened to connject; {@code java.lang}, for JNA's native access; and
 * {@code sun.nio.ch} exported to {@code java.net.http}, whose instrumented timer calls a hook.
 */
public final class JdkInternals {

    private static final Class<?> VIRTUAL_THREAD = virtualThreadClass();

    private JdkInternals() {
    }

    public static void open(Instrumentation instrumentation) {
        Module javaBase = Object.class.getModule();
        Module connject = JdkInternals.class.getModule();
        Optional<Module> http = ModuleLayer.boot().findModule("java.net.http");
        instrumentation.redefineModule(javaBase, Set.of(),
                http.isPresent() ? Map.of("sun.nio.ch", Set.of(http.get())) : Map.of(),
                Map.of("sun.nio.ch", Set.of(connject), "java.lang", Set.of(connject)),
                Set.of(), Map.of());
    }

    /** Whether {@code thread} is a virtual thread; never, before Java 21. */
    public static boolean isVirtual(Thread thread) {
        return thread.getClass() == VIRTUAL_THREAD;
    }

    private static Class<?> virtualThreadClass() {
        try {
            return Class.forName("java.lang.VirtualThread", false, null);
        } catch (ClassNotFoundException beforeJava21) {
            return Void.class;
        }
    }
}
