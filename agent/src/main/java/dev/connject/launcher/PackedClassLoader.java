package dev.connject.launcher;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * connject's own class loader. Its classes and resources sit in the agent jar under
 * {@value #PREFIX}, class files renamed to {@code .classdata}, so the application's class loader,
 * which also sees the agent jar, cannot load any of them. Its parent is the platform class loader:
 * connject sees the JDK and never the application.
 *
 * <p>It also hands the agent its launch arguments, as a {@code Supplier} of the options string,
 * the {@code Instrumentation} and whether the agent was attached: a JDK type, which the agent's
 * classes can name.
 *
 * <p>Resources are looked up here before the parent, and read straight from the open jar: no
 * JDK resource shares connject's names, and the agent's start-up is spared a search through the
 * JDK's modules and a second opening of the jar for each one.
 */
final class PackedClassLoader extends ClassLoader implements Supplier<Object[]> {

    static final String PREFIX = "dev/connject/packed/";
    /** Where every packed class is: connject's own packages and the dependencies shaded under them. */
    private static final String OWN_PACKAGES = "dev.connject.";
    private static final String PROTOCOL = "connject-packed";

    static {
        registerAsParallelCapable();
    }

    private final JarFile jar;
    private final ProtectionDomain domain;
    private final URLStreamHandler handler = new PackedEntries();
    private final Object[] launch;

    PackedClassLoader(URL jarUrl, Object[] launch) throws IOException, URISyntaxException {
        super("connject", ClassLoader.getPlatformClassLoader());
        this.launch = launch.clone();
        this.jar = new JarFile(new File(jarUrl.toURI()), false);
        this.domain = new ProtectionDomain(new CodeSource(jarUrl, (Certificate[]) null), null, this, null);
    }

    @Override
    public Object[] get() {
        return launch.clone();
    }

    /**
     * connject's own classes are looked for here first: the platform class loader, and the boot
     * class loader behind it, could only fail to find them, and at the JVM's start asking them
     * costs about as much as defining the class.
     */
    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(OWN_PACKAGES)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = findClass(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        ZipEntry entry = jar.getEntry(PREFIX + name.replace('.', '/') + ".classdata");
        if (entry == null) {
            throw new ClassNotFoundException(name);
        }
        try (InputStream in = jar.getInputStream(entry)) {
            byte[] bytes = entry.getSize() >= 0 ? in.readNBytes((int) entry.getSize()) : in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length, domain);
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        URL own = findResource(name);
        return own != null ? Collections.enumeration(Collections.singleton(own)) : super.getResources(name);
    }

    @Override
    protected URL findResource(String name) {
        String packed = name.endsWith(".class")
                ? PREFIX + name.substring(0, name.length() - ".class".length()) + ".classdata"
                : PREFIX + name;
        if (jar.getEntry(packed) == null) {
            return null;
        }
        try {
            return new URL(PROTOCOL, null, -1, "/" + packed, handler);
        } catch (MalformedURLException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.emptyEnumeration() : Collections.enumeration(Collections.singleton(url));
    }

    /** Opens a resource URL of this loader on the jar it already has open. */
    private final class PackedEntries extends URLStreamHandler {
        @Override
        protected URLConnection openConnection(URL url) {
            return new URLConnection(url) {
                @Override
                public void connect() {
                    connected = true;
                }

                @Override
                public InputStream getInputStream() throws IOException {
                    ZipEntry entry = jar.getEntry(url.getPath().substring(1));
                    if (entry == null) {
                        throw new IOException("no such entry: " + url);
                    }
                    return jar.getInputStream(entry);
                }
            };
        }
    }
}
