package dev.connject.injector;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;

/**
 * The agent jar that travels inside the injector's jar, as a file that a target JVM can open: the
 * JVM loads an agent from a path, not from bytes. Written once per content, under a name that
 * carries its version and a digest of its bytes, and reused while it is intact: into the user's
 * cache directory, {@code $XDG_CACHE_HOME/connject} or {@code ~/.cache/connject}; or, for a JVM of
 * another user, which opens the jar with that user's rights, into {@code /tmp/connject-UID}; for a
 * JVM in another file system (a container), into that {@code /tmp/connject-UID} of its own.
 */
final class AgentJar {

    private static final String RESOURCE = "connject-agent.jar";
    private static final Set<PosixFilePermission> READABLE_BY_ALL = PosixFilePermissions.fromString("r--r--r--");

    private AgentJar() {
    }

    /** The agent jar as a file that the user {@code targetUid} may read. */
    static Path forUser(int targetUid, int ownUid) throws IOException {
        byte[] jar = embedded();
        if (targetUid == ownUid) {
            try {
                return written(jar, cacheDirectory());
            } catch (IOException noCache) {
                // a user without a writable home, such as a service account: the shared directory will do
            }
        }
        return written(jar, sharedDirectory(Path.of(System.getProperty("java.io.tmpdir")), ownUid));
    }

    /**
     * The agent jar for a process in another file system (a container), written into its
     * {@code /tmp/connject-UID} and named as that process sees it: this user's files are not there.
     */
    static Path forProcessElsewhere(LinuxProcess process, int ownUid) throws IOException {
        Path temporary = process.seenFromProcess("/tmp");
        Path written = written(embedded(), sharedDirectory(temporary, ownUid));
        return Path.of("/tmp").resolve(temporary.relativize(written));
    }

    private static Path written(byte[] jar, Path directory) throws IOException {
        Path file = directory.resolve("connject-agent-" + Connject.version() + "-" + digest(jar) + ".jar");
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Arrays.equals(Files.readAllBytes(file), jar)) {
            return file;
        }
        // written aside and moved in, so that a JVM never opens half a jar when two injectors race
        Path partial = Files.createTempFile(directory, file.getFileName().toString(), ".partial");
        Files.write(partial, jar);
        Files.setPosixFilePermissions(partial, READABLE_BY_ALL);
        return Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path cacheDirectory() throws IOException {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && xdg.startsWith("/") ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return Files.createDirectories(base.resolve("connject"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    /**
     * {@code /tmp/connject-UID}: everyone may read it, only this user may write it. Whoever can
     * replace the jar runs code in the target JVM, so a directory of that name that someone else
     * owns or may write is refused, never used.
     */
    private static Path sharedDirectory(Path temporary, int ownUid) throws IOException {
        Path directory = temporary.resolve("connject-" + ownUid);
        try {
            Files.createDirectory(directory);
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (FileAlreadyExistsException existing) {
            // checked below
        }
        PosixFileAttributes attributes = Files.readAttributes(directory, PosixFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        Object owner = Files.getAttribute(directory, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (!attributes.isDirectory() || !Integer.valueOf(ownUid).equals(owner)
                || attributes.permissions().contains(PosixFilePermission.GROUP_WRITE)
                || attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException(directory + " is not a directory that only this user may write; remove it");
        }
        return directory;
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
