package dev.connject.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * A benchmark's temporary files: rules files, and event files and recordings that grow to
 * gigabytes, so that none is kept once it is closed.
 */
final class ScratchDirectory implements AutoCloseable {

    private final Path path;

    private ScratchDirectory(Path path) {
        this.path = path;
    }

    static ScratchDirectory create() throws IOException {
        return new ScratchDirectory(Files.createTempDirectory("connject-bench"));
    }

    Path resolve(String name) {
        return path.resolve(name);
    }

    /** A new rules file of {@code version: 1} and {@code body}, readable by its owner only, as connject requires. */
    Path rules(String body) throws IOException {
        Path file = Files.createTempFile(path, "rules", ".yaml");
        Files.writeString(file, "version: 1\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** Deletes the directory with every file in it. */
    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.list(path)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.delete(file);
            }
        }
        Files.delete(path);
    }
}
