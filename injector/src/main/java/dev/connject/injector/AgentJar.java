package dev.connject.injector;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The agent jar that travels inside the injector's jar, as a file that a target JVM can open: the
 * JVM loads an agent from a path, not from bytes. Written once per content into the user's cache
 * directory, {@code $XDG_CACHE_HOME/connject} or {@code ~/.cache/connject}, under a name that
 * carries its version and a digest of its bytes, and reused while it is intact.
 */
final class AgentJar {

    private static final String RESOURCE = "connject-agent.jar";

    private AgentJar() {
    }

    /**
     * The agent jar as a file readable by the user {@code targetUid}. For another user than this
     * one (root attaching to anyone's JVM) it goes into a directory of its own that everyone may
     * read, since the target opens it with its user's rights and this user's cache is private.
     */
    static Path forUser(int targetUid, int ownUid) throws IOException {
        byte[] jar = embedded();
        String fileName = "connject-agent-" + Connject.version() + "-" + digest(jar) + ".jar";
        if (targetUid == ownUid) {
            try {
                return cached(jar, fileName);
            } catch (IOException noCache) {
                // a user without a writable home, such as a service account: a private directory will do
            }
        }
        Path directory = Files.createTempDirectory("connject-");
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path file = Files.write(directory.resolve(fileName), jar);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        return file;
    }

    private static Path cached(byte[] jar, String fileName) throws IOException {
        Path directory = cacheDirectory();
        Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path file = directory.resolve(fileName);
        if (Files.isRegularFile(file) && Arrays.equals(Files.readAllBytes(file), jar)) {
            return file;
        }
        // written aside and moved in, so that a JVM never opens half a jar when two injectors race
        Path partial = Files.createTempFile(directory, fileName, ".partial");
        Files.write(partial, jar);
        return Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path cacheDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && xdg.startsWith("/") ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("connject");
    }

    private static byte[] embedded() throws IOException {
        try (InputStream in = AgentJar.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the injector jar lacks " + RESOURCE + "; rebuild it with mvn package");
            }
            return in.readAllBytes();
        }
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 6);
        } catch (NoSuchAlgorithmException everyJavaHasIt) {
            throw new IllegalStateException(everyJavaHasIt);
        }
    }
}
