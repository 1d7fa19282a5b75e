package dev.connject.agent.attempt;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * Captures, for one thread, the application frames that made a connect, below the JDK's and
 * connject's own, innermost first, as {@code class.method(File.java:line)} text.
 *
 * <p>Between two connects the kernel's work leaves the CPU's caches cold, and reading the stack
 * then costs far more than in a tight loop. Measured on a loopback connect loop (JDK 17), a
 * {@code StackWalker} walk from the hook to the first application frame added 4 to 7 µs a connect,
 * whatever the stack's depth; filling a {@code Throwable}'s backtrace added about 1 µs with 10
 * frames below it, 5 µs with 60 and 11 µs with 150. So a thread reads a new {@code Throwable}'s
 * backtrace ({@link Backtrace}) until one of its connects comes from a stack deeper than
 * {@value #DEEP_STACK} frames, and walks the stack from then on. Either way each call site's text
 * is made once ({@link CallSiteTexts}).
 */
final class CallerCapture {

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    /** Frames below which a backtrace costs about what a walk does. */
    static final int DEEP_STACK = 2 * Backtrace.CHUNK;

    private boolean deepStacks;

    String[] capture(int frames) {
        Backtrace backtrace = Backtrace.READER;
        if (deepStacks || backtrace == null) {
            return WALKER.walk(stack -> walked(stack, frames));
        }
        Throwable here = new Throwable();
        String[] found = backtrace.frames(here, frames);
        deepStacks = backtrace.depth(here) > DEEP_STACK;
        return found;
    }

    private static String[] walked(Stream<StackWalker.StackFrame> stack, int frames) {
        return stack.filter(frame -> isApplication(frame.getDeclaringClass())).limit(frames)
                .map(CallSiteTexts::of).toArray(String[]::new);
    }

    /** Whether a class belongs to the application rather than to the JDK or to connject's agent. */
    static boolean isApplication(Class<?> type) {
        String name = type.getName();
        return !(name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("sun.") || name.startsWith("com.sun.") || name.startsWith("dev.connject.agent."));
    }

    /**
     * HotSpot's backtrace of a {@code Throwable}: chunks of {@value #CHUNK} frames, each an array
     * holding the frames' method numbers ({@code short[]}), bytecode indexes merged with their
     * class's redefinition version ({@code int[]}), classes ({@code Object[]}), names, and, second
     * to last, the next chunk. A frame's class, method number and index name its call site, across
     * overloads and redefinitions, without making a {@code StackTraceElement}.
     */
    static final class Backtrace {

        static final int CHUNK = 32;
        /**
         * The reader, or {@code null} where the running JDK lays backtraces out otherwise; made when
         * a caller is first wanted, not when a thread first connects.
         */
        static final Backtrace READER = make();
        private static final int METHODS = 0;
        private static final int INDEXES = 1;
        private static final int CLASSES = 2;

        private final VarHandle backtrace;
        private final VarHandle depth;

        private Backtrace(VarHandle backtrace, VarHandle depth) {
            this.backtrace = backtrace;
            this.depth = depth;
        }

        /** A reader, if this JDK's backtraces read as laid out above and agree with {@code getStackTrace}. */
        private static Backtrace make() {
            try {
                MethodHandles.Lookup throwable = MethodHandles.privateLookupIn(Throwable.class, MethodHandles.lookup());
                Backtrace reader = new Backtrace(throwable.findVarHandle(Throwable.class, "backtrace", Object.class),
                        throwable.findVarHandle(Throwable.class, "depth", int.class));
                return reader.agreesWithStackTrace() ? reader : null;
            } catch (ReflectiveOperationException | RuntimeException | LinkageError otherLayout) {
                return null;
            }
        }

        int depth(Throwable here) {
            return (int) depth.get(here);
        }

        String[] frames(Throwable here, int frames) {
            Object[] chunk = (Object[]) backtrace.get(here);
            int count = depth(here);
            String[] texts = new String[frames];
            int found = 0;
            for (int i = 0; i < count && found < frames; i++) {
                chunk = chunkOf(chunk, i);
                int slot = i % CHUNK;
                Class<?> type = (Class<?>) ((Object[]) chunk[CLASSES])[slot];
                if (isApplication(type)) {
                    texts[found++] = CallSiteTexts.of(type, ((short[]) chunk[METHODS])[slot],
                            ((int[]) chunk[INDEXES])[slot], here, i);
                }
            }
            return found == frames ? texts : Arrays.copyOf(texts, found);
        }

        /**
         * Whether the backtrace names the classes {@code getStackTrace} shows, chunk after chunk,
         * and two throwables made at one site share its key where one made elsewhere does not. It
         * runs on the first connect whose caller is wanted, whatever that connect's depth.
         */
        private boolean agreesWithStackTrace() {
            Throwable[] sameSite = new Throwable[2];
            for (int i = 0; i < sameSite.length; i++) {
                sameSite[i] = new Throwable();
            }
            Throwable otherSite = new Throwable();
            StackTraceElement[] trace = sameSite[0].getStackTrace();
            int count = depth(sameSite[0]);
            if (count != trace.length || count == 0) {
                return false;
            }
            Object[] chunk = (Object[]) backtrace.get(sameSite[0]);
            for (int i = 0; i < count; i++) {
                chunk = chunkOf(chunk, i);
                Object[] classes = (Object[]) chunk[CLASSES];
                if (classes.length != CHUNK || !((Class<?>) classes[i % CHUNK]).getName().equals(trace[i].getClassName())) {
                    return false;
                }
            }
            return site(sameSite[0]) == site(sameSite[1]) && site(sameSite[0]) != site(otherSite);
        }

        /** The chunk holding frame {@code i}, given the one that held frame {@code i - 1}: the next one second to last. */
        private static Object[] chunkOf(Object[] previous, int i) {
            return i % CHUNK == 0 && i > 0 ? (Object[]) previous[previous.length - 2] : previous;
        }

        /** The top frame's method number and bytecode index merged with its class's redefinition version, as one key. */
        private long site(Throwable thrown) {
            Object[] chunk = (Object[]) backtrace.get(thrown);
            return (long) ((short[]) chunk[METHODS])[0] << 32 | (((int[]) chunk[INDEXES])[0] & 0xFFFF_FFFFL);
        }
    }
}
