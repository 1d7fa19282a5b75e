package dev.connject.agent.record;

import dev.connject.agent.log.AgentLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;
import java.util.function.ObjLongConsumer;

/**
 * Appends one JSON object per attempt to a file, rotating it by size when asked: the file is
 * renamed {@code FILE.1}, the older ones shift up, and those beyond the number kept are deleted.
 * Lines are written from a buffer of connject's own, flushed when the recorder has drained.
 *
 * <p>What the file does not take, a full disk for one, stays in the buffer and is written, from
 * the byte where the file stopped, once it does, so that each line is in the file once. A line
 * that finds the buffer full meanwhile is refused, and counted as dropped, as are the lines the
 * buffer still holds when the sink is closed; a line the file took only part of is then cut off,
 * so that the file ends with whole lines, unless another process has appended to it since. It
 * says on stderr, once, when the file stops taking lines and why, and once when it takes them again.
 *
 * <p>A file moved away, as {@code logrotate} does, or deleted, is left once its last line is
 * whole, and the lines that follow go to a new file of the same name.
 *
 * <p>Several JVMs may append to one file, each its own whole lines. The one that finds the file
 * full rotates it while it holds the file's lock, so that no two rotate at once; the others
 * follow it to the new file as they would after {@code logrotate}.
 */
final class JsonlSink {

    private static final int BUFFER_BYTES = 1 << 16;
    private static final long ROTATE_AGAIN_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Path file;
    private final long maxBytes;
    private final int keep;
    private final ObjLongConsumer<String> dropped;
    private final Opener opener;
    private ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    private SeekableByteChannel channel;
    private long written;
    /** The file's size up to the end of its last whole line. */
    private long lineEnd;
    /** The open file's identity, to tell when its name has come to mean another file, or none. */
    private Object fileKey;
    /** Whether the file has stopped taking lines, as said on stderr. */
    private boolean failing;
    private long droppedWhileFailing;
    /** Whether the file could not be rotated, as said on stderr; it is tried again from {@link #rotateAgainAt}. */
    private boolean rotationFailing;
    private long rotateAgainAt;

    /**
     * @param maxBytes size at which the file is rotated, 0 for never
     * @param dropped told, with this sink's name, how many lines it could not write
     */
    JsonlSink(Path file, long maxBytes, int keep, ObjLongConsumer<String> dropped) {
        this(file, maxBytes, keep, dropped, Opener.APPEND);
    }

    JsonlSink(Path file, long maxBytes, int keep, ObjLongConsumer<String> dropped, Opener opener) {
        this.file = file;
        this.maxBytes = maxBytes;
        this.keep = keep;
        this.dropped = dropped;
        this.opener = opener;
    }

    /** Opens the file for appending: a file channel, or in tests one that fails as a full disk does. */
    interface Opener {
        /** A class, where a lambda would cost the JVM's start one to spin. */
        Opener APPEND = new Opener() {
            @Override
            public SeekableByteChannel open(Path file) throws IOException {
                return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            }
        };

        SeekableByteChannel open(Path file) throws IOException;
    }

    String name() {
        return "jsonl " + file;
    }

    Path file() {
        return file;
    }

    /** Buffers the line, or refuses it, counted as dropped, when the file cannot take what waits before it. */
    void write(JsonLine line) {
        try {
            if (channel == null) {
                open();
            }
            if (maxBytes > 0 && wouldPassMax(line.length()) && rotationDue()) {
                rotate(line.length());
            }
            if (line.length() > buffer.remaining()) {
                writeBuffered();
                if (line.length() > buffer.capacity()) {
                    buffer = ByteBuffer.allocate(line.length());
                }
            }
            buffer.put(line.bytes(), 0, line.length());
        } catch (IOException refused) {
            cannotWrite(refused);
            drop(1);
        } catch (RuntimeException failure) {
            drop(1);
            throw failure;
        }
    }

    /**
     * Writes what is buffered, to a new file of the name when the one open was moved or deleted;
     * what the file does not take stays buffered.
     */
    void flush() {
        try {
            writeBuffered();
        } catch (IOException refused) {
            cannotWrite(refused);
        }
    }

    private void writeBuffered() throws IOException {
        if (channel != null && buffer.position() > 0) {
            if (written == lineEnd) {
                follow();
            }
            buffer.flip();
            try {
                while (buffer.hasRemaining()) {
                    int from = buffer.position();
                    written += channel.write(buffer);
                    wrote(from, buffer.position());
                }
            } finally {
                buffer.compact();
            }
            writesAgain();
        }
    }

    /** Moves {@link #lineEnd} past the last line break among the buffer's bytes just written, if any. */
    private void wrote(int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (buffer.get(i) == '\n') {
                lineEnd = written - (to - 1 - i);
                return;
            }
        }
    }

    /** Writes what is buffered and closes the file; lines it cannot write are lost with the buffer. */
    void close() {
        if (channel == null) {
            return;
        }
        try {
            flush();
        } finally {
            long lost = lines(buffer);
            buffer.clear();
            SeekableByteChannel closing = channel;
            channel = null;
            drop(lost);
            try (closing) {
                // a line of another process's after the part of one would go with it
                if (written > lineEnd && closing.size() == written) {
                    closing.truncate(lineEnd);
                }
            } catch (IOException refused) {
                cannotWrite(refused);
            }
        }
    }

    /**
     * Says once, when the file stops taking lines, why: a full disk or a missing directory is the
     * machine's to mend, not an error of connject's.
     */
    private void cannotWrite(IOException failure) {
        if (!failing) {
            failing = true;
            AgentLog.warn("cannot write " + file + ": " + reason(failure)
                    + "; until it can, the events connject cannot hold for it are dropped and counted in status");
        }
    }

    /** Says once, when the file takes lines again after it did not, how many were lost meanwhile. */
    private void writesAgain() {
        if (failing) {
            failing = false;
            AgentLog.info("writing " + file + " again" + (droppedWhileFailing == 0 ? ""
                    : "; " + droppedWhileFailing + " events could not be written, counted as dropped"));
            droppedWhileFailing = 0;
        }
    }

    private void drop(long lines) {
        if (lines > 0) {
            dropped.accept(name(), lines);
            if (failing) {
                droppedWhileFailing += lines;
            }
        }
    }

    /** What went wrong, without naming the file again when that is what the failure is about. */
    private String reason(IOException failure) {
        if (!(failure instanceof FileSystemException problem)) {
            return failure.getMessage() != null ? failure.getMessage() : failure.toString();
        }
        // NoSuchFileException, AccessDeniedException and their like name only a file
        String what = problem.getReason() != null ? problem.getReason() : failure.getClass().getSimpleName();
        return file.toString().equals(problem.getFile()) ? what : what + " (" + problem.getFile() + ")";
    }

    private static long lines(ByteBuffer buffered) {
        long lines = 0;
        for (int i = 0; i < buffered.position(); i++) {
            if (buffered.get(i) == '\n') {
                lines++;
            }
        }
        return lines;
    }

    private void open() throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        SeekableByteChannel opened = opener.open(file);
        written = opened.size();
        lineEnd = written;
        BasicFileAttributes attributes = attributes();
        fileKey = attributes == null ? null : attributes.fileKey();
        channel = opened;
    }

    /** Opens the file anew, leaving the one that was moved or deleted; on failure, that one stays open. */
    private void reopen() throws IOException {
        SeekableByteChannel previous = channel;
        open();
        previous.close();
    }

    /**
     * Opens the file anew when its name has come to mean another file, or none; otherwise takes
     * in what other processes have appended to it, or a truncation, so that it rotates at its size.
     * Called at the end of a whole line.
     */
    private void follow() throws IOException {
        BasicFileAttributes now = attributes();
        if (movedOrDeleted(now)) {
            reopen();
        } else if (now != null) {
            written = now.size();
            lineEnd = written;
        }
    }

    /** Whether the file's name has come to mean another file, or none, given what it means {@code now}. */
    private boolean movedOrDeleted(BasicFileAttributes now) {
        return now == null ? Files.notExists(file) : !now.fileKey().equals(fileKey);
    }

    /** The file's size and identity (on Linux, its device and inode), or {@code null} where they cannot be read. */
    private BasicFileAttributes attributes() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return attributes.fileKey() == null ? null : attributes;
        } catch (IOException unreadable) {
            return null;
        }
    }

    /** Whether a line of this length would take the file past its size; a file holding nothing takes any line. */
    private boolean wouldPassMax(int length) {
        long size = written + buffer.position();
        return size + length > maxBytes && size > 0;
    }

    /** Whether rotating may be tried: a rotation that failed is tried again a second later. */
    private boolean rotationDue() {
        return !rotationFailing || System.nanoTime() - rotateAgainAt >= 0;
    }

    /**
     * Rotates once what is buffered is in the file, so that no line is split between two files.
     * Another process that writes the file may have rotated it meanwhile, or be rotating it: then
     * this one does not, and follows it.
     */
    private void rotate(int length) throws IOException {
        writeBuffered();
        follow();
        if (!wouldPassMax(length)) {
            return;
        }
        try (FileChannel guard = FileChannel.open(file, StandardOpenOption.WRITE)) {
            if (!mayRotate(guard) || movedOrDeleted(attributes())) {
                return;
            }
            Files.deleteIfExists(rotated(keep));
            for (int i = keep - 1; i >= 1; i--) {
                if (Files.exists(rotated(i))) {
                    Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            if (keep > 0) {
                Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.delete(file);
            }
        } catch (NoSuchFileException rotatedByAnother) {
            return;
        } catch (IOException refused) {
            cannotRotate(refused);
            return;
        }
        if (rotationFailing) {
            rotationFailing = false;
            AgentLog.info("rotated " + file + " again");
        }
        close();
        open();
    }

    /**
     * Says once, when the file cannot be rotated, why; it is written on past its size rather than
     * losing events, and rotating it is tried again a second later.
     */
    private void cannotRotate(IOException failure) {
        if (!rotationFailing) {
            rotationFailing = true;
            AgentLog.warn("cannot rotate " + file + ": " + reason(failure)
                    + "; it is written on past its jsonl_max, and rotated once it can be");
        }
        rotateAgainAt = System.nanoTime() + ROTATE_AGAIN_NANOS;
    }

    /**
     * Takes the file's lock, which closing {@code guard} releases; false while another process, or
     * another channel of this JVM's, holds it. Where the file system has no locks, this sink
     * rotates the file as though it were the only one writing it.
     */
    private static boolean mayRotate(FileChannel guard) {
        try {
            return guard.tryLock() != null;
        } catch (OverlappingFileLockException heldInThisJvm) {
            return false;
        } catch (IOException noLocks) {
            return true;
        }
    }

    private Path rotated(int generation) {
        return file.resolveSibling(file.getFileName() + "." + generation);
    }
}
