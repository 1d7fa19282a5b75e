package dev.connject.injector.app;

import java.io.IOException;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A test-only Java agent that reports the bytes of the JDK classes connject hooks, as SHA-256
 * digests, on requests left as files in the directory named by its options.
 *
 * <p>Why it works as it does. On a retransformation the JVM starts from the class's initial bytes
 * and hands them through every retransformation-capable transformer, each receiving the previous
 * one's output; the last output is what gets installed. The order is that of the agents' JVMTI
 * environments, which is the order the agents were loaded in (an agent whose manifest says
 * {@code Can-Retransform-Classes: true} gets its environment when it loads), whenever each
 * registers its transformers. An agent loaded before connject is handed the initial bytes every
 * time, which proves nothing about connject's leftovers. So the test loads this agent twice: early,
 * with {@code -javaagent}, for the bytes before connject; and late, into the running JVM after
 * connject was attached, which puts it behind connject in line.
 * <ul>
 *   <li>{@code LABEL.capture}: registers a transformer, retransforms the classes and removes it.
 *       It is handed what the agents before it made of each class: in the early agent, the
 *       plain bytes; in the late one, connject's woven bytes while connject is attached.</li>
 *   <li>{@code LABEL.witness}: registers a transformer that stays and records the bytes it is
 *       handed whenever anyone retransforms the classes. In the late agent it is behind connject
 *       during connject's own retransformation at detach, and since it changes nothing, what it
 *       is handed then is exactly what that retransformation installs.</li>
 *   <li>{@code LABEL.report}: removes the witness and reports what it recorded.</li>
 * </ul>
 * Each answer is {@code LABEL.digests}: one line per class, {@code NAME SHA-256}; a witness
 * report lists only the classes it saw retransformed. {@code LABEL.witness} is answered by
 * {@code LABEL.armed} once the witness is in place.
 */
public final class ClassBytesAgent {

    /** The JDK classes connject hooks, those of them loaded being reported. */
    private static final Set<String> CLASSES = Set.of("java.net.Socket", "sun.nio.ch.Net",
            "sun.nio.ch.SocketChannelImpl", "sun.nio.ch.DatagramChannelImpl",
            "sun.nio.ch.UnixAsynchronousSocketChannelImpl", "sun.nio.ch.UnixDomainSockets",
            "java.lang.management.ManagementFactory");

    private final Instrumentation instrumentation;
    private final Path directory;
    private Recorder witness;

    private ClassBytesAgent(Instrumentation instrumentation, Path directory) {
        this.instrumentation = instrumentation;
        this.directory = directory;
    }

    public static void premain(String directory, Instrumentation instrumentation) {
        agentmain(directory, instrumentation);
    }

    public static void agentmain(String directory, Instrumentation instrumentation) {
        ClassBytesAgent agent = new ClassBytesAgent(instrumentation, Path.of(directory));
        Thread requests = new Thread(agent::serve, "class-bytes-agent");
        requests.setDaemon(true);
        requests.start();
    }

    private void serve() {
        while (true) {
            try (DirectoryStream<Path> pending = Files.newDirectoryStream(directory, "*.{capture,witness,report}")) {
                for (Path request : pending) {
                    answer(request);
                    Files.delete(request);
                }
                Thread.sleep(20);
            } catch (Exception failure) {
                failure.printStackTrace();
                return;
            }
        }
    }

    private void answer(Path request) throws Exception {
        String name = request.getFileName().toString();
        String label = name.substring(0, name.lastIndexOf('.'));
        if (name.endsWith(".capture")) {
            Recorder capture = new Recorder();
            instrumentation.addTransformer(capture, true);
            try {
                instrumentation.retransformClasses(loaded());
            } finally {
                instrumentation.removeTransformer(capture);
            }
            write(label + ".digests", capture.digests());
        } else if (name.endsWith(".witness")) {
            witness = new Recorder();
            instrumentation.addTransformer(witness, true);
            write(label + ".armed", Map.of());
        } else {
            instrumentation.removeTransformer(witness);
            write(label + ".digests", witness.digests());
            witness = null;
        }
    }

    private Class<?>[] loaded() {
        List<Class<?>> loaded = new ArrayList<>();
        for (Class<?> type : instrumentation.getAllLoadedClasses()) {
            if (CLASSES.contains(type.getName())) {
                loaded.add(type);
            }
        }
        return loaded.toArray(new Class<?>[0]);
    }

    private void write(String fileName, Map<String, String> digests) throws IOException {
        StringBuilder lines = new StringBuilder();
        digests.forEach((type, digest) -> lines.append(type).append(' ').append(digest).append('\n'));
        Path partial = Files.writeString(directory.resolve(fileName + ".partial"), lines);
        Files.move(partial, directory.resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Records the digest of the bytes it is handed for each reported class, and changes nothing. */
    private static final class Recorder implements ClassFileTransformer {

        private final Map<String, String> digests = new TreeMap<>();

        @Override
        public synchronized byte[] transform(Module module, ClassLoader loader, String internalName,
                                             Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
            String name = internalName == null ? null : internalName.replace('/', '.');
            if (CLASSES.contains(name)) {
                digests.put(name, sha256(bytes));
            }
            return null;
        }

        synchronized Map<String, String> digests() {
            return new TreeMap<>(digests);
        }

        private static String sha256(byte[] bytes) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (NoSuchAlgorithmException everyJavaHasIt) {
                throw new IllegalStateException(everyJavaHasIt);
            }
        }
    }
}
