package dev.connject.agent.platform;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import dev.connject.agent.log.AgentLog;
import java.util.HashMap;
import java.util.Map;
import sun.nio.ch.ConnjectJdk;

/**
 * The running platform's errno numbers, names and messages, read from its C library: names from
 * {@code strerrorname_np} (glibc 2.32 and later), messages from {@code strerror}, which is also
 * where the JDK's own exception messages come from. Where the C library has no
 * {@code strerrorname_np}, the names come from the Linux kernel's numbering, which every Linux C
 * library shares.
 *
 * <p>Loading it takes JNA's start-up, so it happens once, on first use. Should JNA fail to load,
 * the messages come from the JDK's own call of strerror and the names from the kernel's numbering.
 */
public final class PlatformErrnos {

    /** Larger than any errno Linux or macOS defines. */
    private static final int HIGHEST = 200;

    private final Map<String, Integer> numbers;
    private final Map<Integer, String> names;
    private final Map<Integer, String> messages;
    private final Map<String, Integer> byMessage;

    private PlatformErrnos(Map<String, Integer> numbers, Map<Integer, String> messages) {
        this.numbers = Map.copyOf(numbers);
        Map<Integer, String> namesByNumber = new HashMap<>();
        numbers.forEach((name, number) -> namesByNumber.putIfAbsent(number, name));
        // EAGAIN and EWOULDBLOCK share a number; the name connect(2) documents wins
        if (numbers.containsKey("EAGAIN")) {
            namesByNumber.put(numbers.get("EAGAIN"), "EAGAIN");
        }
        this.names = Map.copyOf(namesByNumber);
        this.messages = Map.copyOf(messages);
        Map<String, Integer> numbersByMessage = new HashMap<>();
        messages.forEach((number, message) -> numbersByMessage.putIfAbsent(message, number));
        this.byMessage = Map.copyOf(numbersByMessage);
    }

    /** A table that knows no errno: names and numbers then stay unknown, and results show the JDK's message. */
    public static PlatformErrnos none() {
        return new PlatformErrnos(Map.of(), Map.of());
    }

    /** The platform's table; the first call loads it. */
    public static PlatformErrnos get() {
        return Holder.INSTANCE;
    }

    /** Stops what reading the table left running, as connject is detached: JNA's cleaner thread. */
    public static void detached() {
        JnaModule.stopCleaner();
    }

    /** The number of the errno with this name, or -1. */
    public int number(String name) {
        return numbers.getOrDefault(name, -1);
    }

    /** The name of this errno, or {@code null}. */
    public String name(int number) {
        return names.get(number);
    }

    /** strerror(3) of this errno. */
    public String message(int number) {
        String message = messages.get(number);
        return message != null ? message : "Unknown error " + number;
    }

    /** The errno whose strerror(3) text is {@code message}, or -1: how a JDK exception's errno is recovered. */
    public int numberOfMessage(String message) {
        return message == null ? -1 : byMessage.getOrDefault(message, -1);
    }

    private static PlatformErrnos load() {
        try {
            Libc libc = new Libc(JnaModule.load());
            Map<String, Integer> numbers = new HashMap<>();
            Map<Integer, String> messages = new HashMap<>();
            for (int number = 1; number <= HIGHEST; number++) {
                messages.put(number, libc.call("strerror", number));
                String name = libc.canName() ? libc.call("strerrorname_np", number) : null;
                if (name != null) {
                    numbers.putIfAbsent(name, number);
                }
            }
            if (!libc.canName()) {
                numbers.putAll(LinuxErrnoNumbers.ALL);
            }
            return new PlatformErrnos(numbers, messages);
        } catch (Throwable failure) {
            AgentLog.warn("JNA cannot read the C library's error names; using the Linux numbering", failure);
            Map<Integer, String> messages = new HashMap<>();
            for (int number = 1; number <= HIGHEST; number++) {
                messages.put(number, ConnjectJdk.strerror(number));
            }
            return new PlatformErrnos(LinuxErrnoNumbers.ALL, messages);
        }
    }

    /**
     * The C library's functions that take an int and return a string, called through JNA. JNA
     * lives in a module layer of its own, so it is reached through method handles.
     */
    private static final class Libc {

        private final Object library;
        private final MethodHandle getFunction;
        private final MethodHandle invoke;
        private final boolean canName;

        Libc(ClassLoader jna) throws Throwable {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> nativeLibrary = Class.forName("com.sun.jna.NativeLibrary", true, jna);
            Class<?> function = Class.forName("com.sun.jna.Function", true, jna);
            String libcName = (String) Class.forName("com.sun.jna.Platform", true, jna).getField("C_LIBRARY_NAME").get(null);
            library = lookup.findStatic(nativeLibrary, "getInstance", MethodType.methodType(nativeLibrary, String.class))
                    .invoke(libcName);
            getFunction = lookup.findVirtual(nativeLibrary, "getFunction", MethodType.methodType(function, String.class));
            invoke = lookup.findVirtual(function, "invoke", MethodType.methodType(Object.class, Class.class, Object[].class));
            canName = has("strerrorname_np");
        }

        boolean canName() {
            return canName;
        }

        String call(String name, int argument) throws Throwable {
            return (String) invoke.invoke(getFunction.invoke(library, name), String.class, new Object[] {argument});
        }

        private boolean has(String name) throws Throwable {
            try {
                getFunction.invoke(library, name);
                return true;
            } catch (UnsatisfiedLinkError olderOrOtherLibc) {
                return false;
            }
        }
    }

    private static final class Holder {
        static final PlatformErrnos INSTANCE = load();
    }
}
