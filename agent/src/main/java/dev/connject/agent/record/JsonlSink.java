package dev.connject.agent.record;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Appends one JSON object per attempt to a file, rotating it by size when asked: the file is
 * renamed {@code FILE.1}, the older ones shift up, and those beyond the number kept are deleted.
 * Lines are written from a buffer of connject's own, flushed when the recorder has drained.
 */
final class JsonlSink {

    private final Path file;
    private final long maxBytes;
    private final int keep;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    private FileChannel channel;
    private long written;

    /** @param maxBytes size at which the file is rotated, 0 for never */
    JsonlSink(Path file, long maxBytes, int keep) {
        this.file = file;
        this.maxBytes = maxBytes;
        this.keep = keep;
    }

    String name() {
        return "jsonl " + file;
    }

    void write(JsonLine line) throws IOException {
        if (channel == null) {
            open();
        }
        if (maxBytes > 0 && written + buffer.position() + line.length() > maxBytes && written + buffer.position() > 0) {
            rotate();
        }
        if (line.length() > buffer.remaining()) {
            flush();
        }
        if (line.length() > buffer.capacity()) {
            writeFully(ByteBuffer.wrap(line.bytes(), 0, line.length()));
        } else {
            buffer.put(line.bytes(), 0, line.length());
        }
    }

    void flush() throws IOException {
        if (channel != null && buffer.position() > 0) {
            buffer.flip();
            writeFully(buffer);
            buffer.clear();
        }
    }

    void close() throws IOException {
        if (channel != null) {
            flush();
            channel.close();
            channel = null;
        }
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            written += channel.write(bytes);
        }
    }

    private void open() throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        written = channel.size();
    }

    private void rotate() throws IOException {
        close();
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
        open();
    }

    private Path rotated(int generation) {
        return file.resolveSibling(file.getFileName() + "." + generation);
    }
}
