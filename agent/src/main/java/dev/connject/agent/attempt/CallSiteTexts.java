package dev.connject.agent.attempt;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The text of each call site a connect came from, {@code class.method(File.java:line)}, made once
 * from the frame's {@code StackTraceElement}: a service connects from a few places again and
 * again, and making the element costs several times what finding its text again does. Held per
 * class, so that the texts go with an unloaded class; past a class's first
 * {@value #SITES_PER_CLASS} sites, texts are made each time.
 */
final class CallSiteTexts {

    private static final int SITES_PER_CLASS = 256;

    private static final ClassValue<ClassSites> CLASSES = new ClassValue<>() {
        @Override
        protected ClassSites computeValue(Class<?> type) {
            return new ClassSites();
        }
    };

    private CallSiteTexts() {
    }

    /** One key for a backtrace's method number and bytecode index merged with its class's redefinition version. */
    static long site(short method, int index) {
        return (long) method << 32 | (index & 0xFFFF_FFFFL);
    }

    /** The text of frame {@code frame} of {@code here}, whose class is {@code type}; the stack trace is made only for a new site. */
    static String of(Class<?> type, short method, int index, Throwable here, int frame) {
        ClassSites sites = CLASSES.get(type);
        Long site = site(method, index);
        String text = sites.bySite.get(site);
        if (text == null) {
            text = text(here.getStackTrace()[frame]);
            if (sites.keep()) {
                sites.bySite.putIfAbsent(site, text);
            }
        }
        return text;
    }

    /**
     * The text of a walked frame, found by method name and bytecode index. A name with overloads
     * in its class does not say which method the frame is in (two overloads may connect at the
     * same index on different lines), so such frames are made into text each time.
     */
    static String of(StackWalker.StackFrame frame) {
        Class<?> type = frame.getDeclaringClass();
        ClassSites sites = CLASSES.get(type);
        Map<Integer, String> byIndex = sites.byName.computeIfAbsent(frame.getMethodName(),
                name -> hasOverloads(type, name) ? Map.of() : new ConcurrentHashMap<>());
        Integer index = frame.getByteCodeIndex();
        String text = byIndex.get(index);
        if (text == null) {
            text = text(frame.toStackTraceElement());
            if (byIndex instanceof ConcurrentHashMap && sites.keep()) {
                byIndex.putIfAbsent(index, text);
            }
        }
        return text;
    }

    private static String text(StackTraceElement element) {
        return element.getClassName() + '.' + element.getMethodName() + '(' + element.getFileName() + ':'
                + element.getLineNumber() + ')';
    }

    private static boolean hasOverloads(Class<?> type, String name) {
        try {
            if (name.equals("<init>")) {
                return type.getDeclaredConstructors().length > 1;
            }
            int named = 0;
            for (Method method : type.getDeclaredMethods()) {
                if (method.getName().equals(name)) {
                    named++;
                }
            }
            return named > 1;
        } catch (LinkageError | SecurityException unreadable) {
            return true;
        }
    }

    /** The call sites of one class: by backtrace site, or by method name and then bytecode index. */
    private static final class ClassSites {
        final Map<Long, String> bySite = new ConcurrentHashMap<>();
        final Map<String, Map<Integer, String>> byName = new ConcurrentHashMap<>();
        private final AtomicInteger kept = new AtomicInteger();

        /** Whether one more site's text may be kept. */
        boolean keep() {
            return kept.get() < SITES_PER_CLASS && kept.incrementAndGet() <= SITES_PER_CLASS;
        }
    }
}
