package dev.connject.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Rules files for child JVMs: connject refuses one that others may write. */
public final class RulesFile {

    private RulesFile() {
    }

    /** Writes {@code yaml} to {@code file}, readable and writable by its owner alone; returns the file. */
    public static Path write(Path file, String yaml) {
        try {
            Files.writeString(file, yaml);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write rules file " + file, e);
        }
        return file;
    }
}
