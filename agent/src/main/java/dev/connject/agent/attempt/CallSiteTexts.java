package dev.connject.agent.attempt;

import java.lang.reflect.Method;
import java.util.Arrays;
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

    /** The text of frame {@code frame} of {@code here}, whose class is {@code type}; the stack trace is made only for a new site. */
    static String of(Class<?> type, short method, int index, Throwable here, int frame) {
        ClassSites sites = CLASSES.get(type);
        String text = sites.text(method, index);
        if (text == null) {
            text = text(here.getStackTrace()[frame]);
            if (sites.keep()) {
                sites.add(method, index, text);
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

    /** The call sites of one class: by backtrace method number and index, or by method name and then bytecode index. */
    private static final class ClassSites {
        final Map<String, Map<Integer, String>> byName = new ConcurrentHashMap<>();
        /**
         * By backtrace method number, what is known of that method's sites. Replaced whole when a
         * site is added, so that finding one takes no lock and, unlike a map keyed by a long, no box.
         */
        private volatile MethodSites[] byMethod = new MethodSites[0];
        private final AtomicInteger kept = new AtomicInteger();

        /** Whether one more site's text may be kept. */
        boolean keep() {
            return kept.get() < SITES_PER_CLASS && kept.incrementAndGet() <= SITES_PER_CLASS;
        }

        String text(short method, int index) {
            MethodSites[] methods = byMethod;
            int number = Short.toUnsignedInt(method);
            return number < methods.length ? methods[number].text(index) : null;
        }

        synchronized void add(short method, int index, String text) {
            if (text(method, index) == null) {
                int number = Short.toUnsignedInt(method);
                MethodSites[] known = byMethod;
                MethodSites[] methods = Arrays.copyOf(known, Math.max(known.length, number + 1));
                Arrays.fill(methods, known.length, methods.length, MethodSites.NONE);
                methods[number] = methods[number].with(index, text);
                byMethod = methods;
            }
        }
    }

    /** The sites known in one method: bytecode indexes, merged with their class's redefinition version, and their texts. */
    private static final class MethodSites {
        static final MethodSites NONE = new MethodSites(new int[0], new String[0]);

        private final int[] indexes;
        private final String[] texts;

        private MethodSites(int[] indexes, String[] texts) {
            this.indexes = indexes;
            this.texts = texts;
        }

        MethodSites with(int index, String text) {
            int[] moreIndexes = Arrays.copyOf(indexes, indexes.length + 1);
            String[] moreTexts = Arrays.copyOf(texts, texts.length + 1);
            moreIndexes[indexes.length] = index;
            moreTexts[texts.length] = text;
            return new MethodSites(moreIndexes, moreTexts);
        }

        String text(int index) {
            for (int i = 0; i < indexes.length; i++) {
                if (indexes[i] == index) {
                    return texts[i];
                }
            }
            return null;
        }
    }
}
