package dev.connject.injector.it;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import dev.connject.injector.app.ClassBytesAgent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The test side of {@link ClassBytesAgent}: builds its jar, and asks it for digests of the JDK
 * classes connject hooks, through request files in a directory the agent watches.
 */
final class ClassBytes {

    private static final Duration ANSWER = Duration.ofSeconds(20);

    private final Path directory;

    /** Talks to the agent watching {@code directory}. */
    ClassBytes(Path directory) {
        this.directory = directory;
    }

    /**
     * Loads the agent from {@code jar} into the running JVM {@code pid}, through the JDK's attach
     * API, watching {@code directory}; it is then behind every agent loaded before it.
     */
    static ClassBytes loadInto(long pid, Path jar, Path directory) {
        try {
            VirtualMachine jvm = VirtualMachine.attach(Long.toString(pid));
            try {
                jvm.loadAgent(jar.toString(), directory.toString());
            } finally {
                jvm.detach();
            }
        } catch (IOException | AttachNotSupportedException | AgentLoadException | AgentInitializationException e) {
            throw new IllegalStateException("cannot load " + jar + " into " + pid, e);
        }
        return new ClassBytes(directory);
    }

    /** Builds the agent's jar, with {@code Can-Retransform-Classes: true}, into {@code directory}. */
    static Path agentJar(Path directory) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", ClassBytesAgent.class.getName());
        manifest.getMainAttributes().putValue("Agent-Class", ClassBytesAgent.class.getName());
        manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
        Path jar = directory.resolve("class-bytes-agent.jar");
        String packageDirectory = ClassBytesAgent.class.getPackageName().replace('.', '/');
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest);
             DirectoryStream<Path> classes = Files.newDirectoryStream(LoopTarget.CLASSES.resolve(packageDirectory),
                     ClassBytesAgent.class.getSimpleName() + "*.class")) {
            for (Path type : classes) {
                out.putNextEntry(new JarEntry(packageDirectory + "/" + type.getFileName()));
                Files.copy(type, out);
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build " + jar, e);
        }
        return jar;
    }

    /** The digests of the classes as a transformer registered now, last in line, is handed them. */
    Map<String, String> capture(String label) {
        request(label + ".capture");
        return digests(label);
    }

    /** Registers the witness, which records the bytes of every retransformation from now on. */
    void witness(String label) {
        request(label + ".witness");
        await(directory.resolve(label + ".armed"));
    }

    /** What the witness recorded since {@link #witness}: only the classes that were retransformed meanwhile. */
    Map<String, String> report(String label) {
        request(label + ".report");
        return digests(label);
    }

    private void request(String fileName) {
        try {
            Files.createFile(directory.resolve(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String> digests(String label) {
        Path answer = directory.resolve(label + ".digests");
        await(answer);
        Map<String, String> digests = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(answer)) {
                String[] fields = line.split(" ");
                digests.put(fields[0], fields[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return digests;
    }

    private static void await(Path answer) {
        Instant deadline = Instant.now().plus(ANSWER);
        while (!Files.exists(answer)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the class-bytes agent did not answer with " + answer);
            }
            Injector.sleep(Duration.ofMillis(20));
        }
    }
}
