package dev.connject.agent.platform;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;

/**
 * Defines connject's classes of {@code sun.nio.ch} inside {@code java.base}, where the JDK's own
 * classes call them like any class of their package. The agent jar holds them as resources under
 * {@code boot/}; they are defined once per JVM, and a later start of the agent finds them.
 */
public final class BootClasses {

    /** In an order where each class's superclass comes first. */
    private static final String[] CLASSES = {
        "sun.nio.ch.ConnjectDispatcher", "sun.nio.ch.ConnjectJdk", "sun.nio.ch.ConnjectJdk$Natives",
        "sun.nio.ch.ConnjectHooks"
    };

    private BootClasses() {
    }

    /**
     * Defines the classes, unless an earlier start in this JVM did. Must run before any class
     * that names them is loaded: their names resolve only once they are defined.
     */
    public static void defineOrFind() throws IOException, ReflectiveOperationException {
        MethodHandles.Lookup nio = MethodHandles.privateLookupIn(Class.forName("sun.nio.ch.IOStatus", false, null),
                MethodHandles.lookup());
        for (String name : CLASSES) {
            defineOrFind(nio, name);
        }
    }

    private static Class<?> defineOrFind(MethodHandles.Lookup nio, String name) throws IOException, IllegalAccessException {
        try {
            return Class.forName(name, false, null);
        } catch (ClassNotFoundException notYetDefined) {
            return nio.defineClass(read("boot/" + name.replace('.', '/') + ".class"));
        }
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = BootClasses.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("the agent jar lacks " + resource);
            }
            return in.readAllBytes();
        }
    }
}
