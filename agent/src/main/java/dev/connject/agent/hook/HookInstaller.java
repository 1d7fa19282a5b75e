package dev.connject.agent.hook;

import dev.connject.agent.attempt.AttemptTracker;
import dev.connject.agent.safety.InternalErrors;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import sun.nio.ch.ConnjectHooks;

/**
 * Installs connject's hooks into the running JDK and takes them out again: defines the hooks
 * classes, makes the {@link AttemptTracker} their dispatcher, and weaves the advices into the JDK
 * classes, whether they are loaded already (attach) or not yet (start-up).
 */
public final class HookInstaller {

    private HookInstaller() {
    }

    /** The JDK classes that carry advice, by internal name. */
    private static final Set<String> TARGET_CLASSES = Set.of("java/net/Socket", "sun/nio/ch/SocketChannelImpl",
            "sun/nio/ch/UnixAsynchronousSocketChannelImpl", "sun/nio/ch/DatagramChannelImpl",
            "jdk/internal/net/http/PlainHttpConnection$ConnectTimerEvent", "sun/nio/ch/Net",
            "sun/nio/ch/UnixDomainSockets", PlatformMBeanServerAdvice.OWNER);

    /** The same, by binary name. */
    private static final Set<String> TARGET_NAMES = binaryNames(TARGET_CLASSES);

    private static final String MANAGEMENT_FACTORY = PlatformMBeanServerAdvice.OWNER.replace('/', '.');

    /** Every advice connject weaves: one per connect path, and one that tells when JMX is up. */
    static List<Advice> advices(NativeCallLines lines) {
        return List.of(
                new SocketConnectAdvice(),
                new ChannelConnectAdvice(),
                new ChannelTimedConnectAdvice(),
                new ChannelFinishConnectAdvice(),
                new ChannelCloseAdvice(),
                new AsyncConnectAdvice(),
                new AsyncFinishConnectAdvice(),
                new AsyncCloseAdvice(),
                new DatagramConnectAdvice(),
                new DatagramDisconnectAdvice(),
                new HttpClientConnectTimeoutAdvice(),
                new NetConnectAdvice(lines),
                new UnixConnectAdvice(lines),
                new PollConnectAdvice(lines),
                new LocalAddressAdvice(),
                new PlatformMBeanServerAdvice());
    }

    /**
     * @param control takes the options of later attaches
     * @param jmxIsUp told whenever the platform MBean server is handed out, and at once if JMX was
     *                loaded before the hooks: the server may have been handed out while none could tell
     */
    public static Installation install(Instrumentation instrumentation, AttemptTracker tracker, NativeCallLines lines,
                                       Consumer<String> control, Runnable jmxIsUp, InternalErrors errors)
            throws Exception {
        ConnjectHooks.dispatcher = tracker;
        ConnjectHooks.control = control;
        ConnjectHooks.mbeanServerHandedOut = jmxIsUp;
        ConnectTransformer transformer = new ConnectTransformer(TARGET_CLASSES, lines, errors);
        instrumentation.addTransformer(transformer, true);
        List<Class<?>> loaded = loadedTargets(instrumentation);
        if (!loaded.isEmpty()) {
            instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
        }
        for (Class<?> type : loaded) {
            if (type.getName().equals(MANAGEMENT_FACTORY)) {
                jmxIsUp.run();
            }
        }
        return new Installation(instrumentation, transformer);
    }

    private static List<Class<?>> loadedTargets(Instrumentation instrumentation) {
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (TARGET_NAMES.contains(type.getName()) && instrumentation.isModifiableClass(type)) {
                loaded.add(type);
            }
        }
        return loaded;
    }

    private static Set<String> binaryNames(Set<String> internalNames) {
        Set<String> names = new java.util.HashSet<>();
        for (String name : internalNames) {
            names.add(name.replace('/', '.'));
        }
        return Set.copyOf(names);
    }

    /** Installed hooks, and how to remove them. */
    public static final class Installation {

        private final Instrumentation instrumentation;
        private final ConnectTransformer transformer;

        private Installation(Instrumentation instrumentation, ConnectTransformer transformer) {
            this.instrumentation = instrumentation;
            this.transformer = transformer;
        }

        /** The JDK methods woven so far; a class the application has not loaded yet is woven when it loads. */
        public Set<String> woven() {
            return transformer.woven();
        }

        /**
         * Puts the JDK classes back as they were and removes the dispatcher. Threads still inside
         * an instrumented method finish it with the old code, whose hooks then do nothing.
         */
        public void uninstall() throws UnmodifiableClassException {
            instrumentation.removeTransformer(transformer);
            List<Class<?>> loaded = loadedTargets(instrumentation);
            if (!loaded.isEmpty()) {
                instrumentation.retransformClasses(loaded.toArray(new Class<?>[0]));
            }
            ConnjectHooks.dispatcher = null;
            ConnjectHooks.control = null;
            ConnjectHooks.mbeanServerHandedOut = null;
        }
    }
}
