package dev.connject.config;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads rules files. A file is accepted whole or refused whole: every problem in it is reported
 * at once, as {@code FILE:LINE:COL: message}, and nothing of a refused file is ever returned.
 */
public final class RulesLoader {
    private RulesLoader() {
    }

    /**
     * Reads and validates the rules file at {@code file}. A relative {@code record.jsonl} is
     * resolved against the file's directory, so the rules mean the same whatever the working
     * directory of the JVM that loads them.
     *
     * @throws InvalidRulesException when the file is writable by group or others, is not UTF-8, or
     *                               has any problem
     * @throws IOException           when the file cannot be read
     */
    public static RuleSet load(Path file) throws InvalidRulesException, IOException {
        refuseIfWritableByOthers(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytesOf(file))).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidRulesException(List.of(new Problem(file.toString(), 1, 1,
                    "not UTF-8 text; save the file as UTF-8")));
        }
        return RulesReader.read(text, file.toString(), Optional.ofNullable(file.toAbsolutePath().getParent()));
    }

    /**
     * Reads through {@code java.io}: on JDK 25, {@code Files.readString} loads
     * {@code SocketChannelImpl}, and when the agent reads its rules before its hooks are in place,
     * the hooks must then retransform that class, which costs the JVM's start about 25 ms.
     */
    private static byte[] bytesOf(Path file) throws IOException {
        try (InputStream in = new FileInputStream(file.toFile())) {
            return in.readAllBytes();
        }
    }

    /**
     * Validates rules given as text; {@code source} names them in problems and in the result.
     * A relative {@code record.jsonl} is kept as written.
     *
     * @throws InvalidRulesException when the text has any problem
     */
    public static RuleSet parse(String text, String source) throws InvalidRulesException {
        return RulesReader.read(text, source, Optional.empty());
    }

    /**
     * Validates rules given as text that was read from {@code file} elsewhere, as
     * {@code connject apply} sends it: named by the file, and a relative {@code record.jsonl}
     * resolved against the file's directory, as {@link #load} does.
     *
     * @throws InvalidRulesException when the text has any problem
     */
    public static RuleSet parse(String text, Path file) throws InvalidRulesException {
        return RulesReader.read(text, file.toString(), Optional.ofNullable(file.toAbsolutePath().getParent()));
    }

    /**
     * Whoever can write the rules file can make this JVM's connects fail, so, as sshd's
     * StrictModes does for authorized_keys, a file others may write is not trusted. File systems
     * without POSIX permissions have nothing to check.
     */
    private static void refuseIfWritableByOthers(Path file) throws IOException, InvalidRulesException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> permissions = view.readAttributes().permissions();
        if (permissions.contains(PosixFilePermission.GROUP_WRITE) || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new InvalidRulesException(List.of(new Problem(file.toString(), 1, 1,
                    "refused: writable by group or others; run chmod go-w " + file)));
        }
    }
}
