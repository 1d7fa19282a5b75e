package dev.connject.agent.platform;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Enumeration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * JNA as a named module, {@code com.sun.jna}, in a module layer of connject's own, read from the
 * classes packed in the agent jar.
 *
 * <p>Why a module: from Java 22 on, a native library loaded from a module without native access
 * makes the JVM print a warning on the application's stderr. For unnamed modules that permission
 * is one switch shared with the application's own code; a named module has its own, which connject
 * sets for JNA alone and for nothing of the application's.
 */
final class JnaModule {

    private static final String NAME = "com.sun.jna";
    private static final String PACKED = "dev/connject/packed/";

    /** JNA's class loader, once {@link #load} has defined it. */
    private static volatile ClassLoader loaded;

    private JnaModule() {
    }

    /** Defines the layer and returns JNA's class loader. */
    static ClassLoader load() throws IOException, URISyntaxException {
        File jar = new File(JnaModule.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ModuleFinder finder = new PackedFinder(jar);
        Configuration configuration = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(), Set.of(NAME));
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
        // not a method reference: with an errno in the rules file, JNA is loaded in the background at
        // the JVM's start, where a lambda costs the generation of a class
        Optional<Module> jna = layer.findModule(NAME);
        if (jna.isPresent()) {
            allowNativeAccess(jna.get());
        }
        loaded = layer.findLoader(NAME);
        return loaded;
    }

    /**
     * Ends JNA's cleaner thread. JNA starts it on first use and ends it itself only once nothing
     * is left to clean, which after connject has read the errno table did not come; made while
     * connject's code ran, the thread kept connject's classes loaded after a detach. Interrupted,
     * it returns. The application's own JNA, if it has one, has classes of another loader, and its
     * thread is left alone.
     */
    static void stopCleaner() {
        ClassLoader jna = loaded;
        if (jna == null) {
            return;
        }
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getClass().getClassLoader() == jna) {
                thread.interrupt();
            }
        }
    }

    /** What {@code --enable-native-access=com.sun.jna} would do; before Java 22 there is nothing to allow. */
    private static void allowNativeAccess(Module jna) {
        try {
            Method enable = Module.class.getDeclaredMethod("implAddEnableNativeAccess");
            enable.setAccessible(true);
            enable.invoke(jna);
        } catch (NoSuchMethodException beforeJava22) {
            // no restricted methods
        } catch (ReflectiveOperationException | RuntimeException notOpened) {
            // JNA still works; the JVM prints its warning
        }
    }

    /** Finds the one module, JNA, among the agent jar's packed entries. */
    private static final class PackedFinder implements ModuleFinder {

        private final ModuleReference reference;

        PackedFinder(File jar) throws IOException {
            Set<String> packages = new TreeSet<>();
            try (JarFile file = new JarFile(jar)) {
                Enumeration<JarEntry> entries = file.entries();
                String prefix = PACKED + "com/sun/jna/";
                while (entries.hasMoreElements()) {
                    String name = entries.nextElement().getName();
                    if (name.startsWith(prefix) && name.endsWith(".classdata")) {
                        packages.add(name.substring(PACKED.length(), name.lastIndexOf('/')).replace('/', '.'));
                    }
                }
            }
            ModuleDescriptor descriptor = ModuleDescriptor.newAutomaticModule(NAME).packages(packages).build();
            URI location = jar.toURI();
            reference = new ModuleReference(descriptor, location) {
                @Override
                public ModuleReader open() throws IOException {
                    return new PackedReader(jar);
                }
            };
        }

        @Override
        public Optional<ModuleReference> find(String name) {
            return NAME.equals(name) ? Optional.of(reference) : Optional.empty();
        }

        @Override
        public Set<ModuleReference> findAll() {
            return Set.of(reference);
        }
    }

    /** Reads JNA's classes and resources from their packed names. */
    private static final class PackedReader implements ModuleReader {

        private final File jar;
        private final JarFile file;

        PackedReader(File jar) throws IOException {
            this.jar = jar;
            this.file = new JarFile(jar);
        }

        private static String packed(String name) {
            return PACKED + (name.endsWith(".class") ? name.substring(0, name.length() - 6) + ".classdata" : name);
        }

        @Override
        public Optional<URI> find(String name) {
            if (file.getEntry(packed(name)) == null) {
                return Optional.empty();
            }
            return Optional.of(URI.create("jar:" + jar.toURI() + "!/" + packed(name)));
        }

        @Override
        public Optional<InputStream> open(String name) throws IOException {
            JarEntry entry = file.getJarEntry(packed(name));
            return entry == null ? Optional.empty() : Optional.of(file.getInputStream(entry));
        }

        @Override
        public Stream<String> list() {
            return file.stream().map(JarEntry::getName).filter(name -> name.startsWith(PACKED + "com/sun/jna/"))
                    .map(name -> name.substring(PACKED.length()));
        }

        @Override
        public void close() {
            try {
                file.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
