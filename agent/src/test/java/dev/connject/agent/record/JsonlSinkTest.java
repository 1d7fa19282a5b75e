package dev.connject.agent.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connject.agent.log.CapturedStderr;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up and is freed again, a file moved away or deleted: the JSON Lines file keeps
 * whole lines, each once and in order, and every line it cannot keep is counted as dropped.
 */
class JsonlSinkTest {

    private final FillingDisk disk = new FillingDisk();
    private final AtomicLong dropped = new AtomicLong();
    private final JsonLine line = new JsonLine();

    @RegisterExtension
    final CapturedStderr stderr = new CapturedStderr();

    @TempDir
    Path directory;

    @Test
    void linesTheDiskRefusedAreWrittenOnceItHasRoom() throws IOException {
        Path file = directory.resolve("events.jsonl");
        JsonlSink sink = sink(file, 0);
        write(sink, 0, 5);
        disk.room = lineLength(0) * 3 / 2;
        sink.flush();
        write(sink, 5, 10);
        sink.flush();
        disk.room = Long.MAX_VALUE;
        sink.flush();

        assertThat(Files.readAllLines(file)).isEqualTo(lines(0, 10));
        assertThat(dropped).hasValue(0);
        assertThat(said()).containsExactly("connject: warn: cannot write " + file + ": No space left on device;"
                + " until it can, the events connject cannot hold for it are dropped and counted in status",
                "connject: writing " + file + " again");
    }

    @Test
    void onceItsBufferIsFullTheSinkRefusesLinesAndCountsThem() throws IOException {
        Path file = directory.resolve("events.jsonl");
        JsonlSink sink = sink(file, 0);
        disk.room = 0;
        write(sink, 0, 2000);
        disk.room = Long.MAX_VALUE;
        sink.flush();

        int refused = dropped.intValue();
        assertThat(refused).isPositive();
        assertThat(Files.readAllLines(file)).isEqualTo(lines(0, 2000 - refused));
        assertThat(said()).hasSize(2).last()
                .isEqualTo("connject: writing " + file + " again; " + refused + " events could not be written, counted as dropped");
    }

    @Test
    void closingWhileTheDiskIsFullCountsTheLinesItLosesAndCutsOffAPartOfOne() throws IOException {
        Path file = directory.resolve("events.jsonl");
        JsonlSink sink = sink(file, 0);
        write(sink, 0, 3);
        disk.room = lineLength(0) * 3 / 2;

        sink.close();
        assertThat(dropped).hasValue(2);
        assertThat(disk.open).isFalse();
        assertThat(Files.readString(file)).isEqualTo(text(0) + "\n");
    }

    @Test
    void theFileRotatesOnlyOnceWhatItHoldsIsWritten() throws IOException {
        Path file = directory.resolve("events.jsonl");
        int length = lineLength(0);
        JsonlSink sink = sink(file, 4L * length);
        write(sink, 0, 3);
        disk.room = length / 2;
        write(sink, 3, 5);
        assertThat(directory.resolve("events.jsonl.1")).doesNotExist();
        disk.room = Long.MAX_VALUE;
        write(sink, 5, 9);
        sink.close();

        assertThat(Files.readAllLines(directory.resolve("events.jsonl.1"))).isEqualTo(lines(0, 4));
        assertThat(Files.readAllLines(file)).isEqualTo(lines(5, 9));
        assertThat(dropped).hasValue(1);
    }

    @Test
    void aLineLongerThanTheBufferIsWrittenWhole() throws IOException {
        Path file = directory.resolve("events.jsonl");
        JsonlSink sink = sink(file, 0);
        String longText = "y".repeat(100_000);
        line.begin();
        line.key("text").string(longText);
        line.end();
        sink.write(line);
        disk.room = 50_000;
        sink.flush();
        disk.room = Long.MAX_VALUE;
        sink.flush();
        write(sink, 0);
        sink.flush();

        assertThat(Files.readAllLines(file)).containsExactly("{\"text\":\"" + longText + "\"}", text(0));
        assertThat(dropped).hasValue(0);
    }

    @Test
    void aFileMovedAwayKeepsItsLinesAndANewOneTakesTheNextUnderItsName() throws IOException {
        Path file = directory.resolve("events.jsonl");
        Path moved = directory.resolve("events.jsonl.moved");
        JsonlSink sink = sink(file, 0);
        write(sink, 0, 3);
        sink.flush();
        Files.move(file, moved);
        write(sink, 3, 6);
        sink.flush();

        assertThat(Files.readAllLines(moved)).isEqualTo(lines(0, 3));
        assertThat(Files.readAllLines(file)).isEqualTo(lines(3, 6));
        assertThat(disk.opened).isEqualTo(2);
    }

    @Test
    void aDeletedFileIsMadeAgain() throws IOException {
        Path file = directory.resolve("events.jsonl");
        JsonlSink sink = sink(file, 0);
        write(sink, 0, 3);
        sink.flush();
        Files.delete(file);
        write(sink, 3, 6);
        sink.flush();

        assertThat(Files.readAllLines(file)).isEqualTo(lines(3, 6));
    }

    @Test
    void aLineThatAFileTookPartOfIsFinishedThereBeforeItIsLeft() throws IOException {
        Path file = directory.resolve("events.jsonl");
        Path moved = directory.resolve("events.jsonl.moved");
        JsonlSink sink = sink(file, 0);
        write(sink, 0, 3);
        disk.room = lineLength(0) * 3 / 2;
        sink.flush();
        Files.move(file, moved);
        disk.room = Long.MAX_VALUE;
        sink.flush();
        write(sink, 3, 5);
        sink.flush();

        assertThat(Files.readAllLines(moved)).isEqualTo(lines(0, 3));
        assertThat(Files.readAllLines(file)).isEqualTo(lines(3, 5));
    }

    @Test
    void twoSinksOfOneFileRotateItInTurnAndKeepEachOfTheirLinesOnce() throws IOException {
        Path file = directory.resolve("events.jsonl");
        int length = lineLength(100);
        JsonlSink first = sink(file, 4L * length, 100);
        JsonlSink second = sink(file, 4L * length, 100);
        for (int i = 0; i < 100; i++) {
            write(first, 100 + i);
            write(second, 200 + i);
            if (i % 3 == 0) {
                first.flush();
            }
            if (i % 5 == 0) {
                second.flush();
            }
        }
        first.close();
        second.close();

        List<Path> rotated = IntStream.iterate(100, n -> n > 0, n -> n - 1)
                .mapToObj(n -> directory.resolve("events.jsonl." + n)).filter(Files::exists).toList();
        List<String> kept = new ArrayList<>();
        for (Path older : rotated) {
            kept.addAll(Files.readAllLines(older));
            // rotated when full, not again by the other sink while new
            assertThat(Files.size(older)).as(older.toString()).isGreaterThan(3L * length);
        }
        kept.addAll(Files.readAllLines(file));
        assertThat(kept.stream().filter(text -> text.startsWith("{\"id\":1")).toList()).isEqualTo(lines(100, 200));
        assertThat(kept.stream().filter(text -> text.startsWith("{\"id\":2")).toList()).isEqualTo(lines(200, 300));
        assertThat(rotated).hasSizeGreaterThan(40);
        assertThat(dropped).hasValue(0);
    }

    @Test
    void whileAnotherHoldsTheFilesLockItIsNotRotated() throws IOException {
        Path file = directory.resolve("events.jsonl");
        JsonlSink sink = sink(file, 2L * lineLength(0));
        try (FileChannel other = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock rotating = other.lock()) {
            write(sink, 0, 4);
            sink.flush();
            assertThat(directory.resolve("events.jsonl.1")).doesNotExist();
        }
        write(sink, 4, 5);
        sink.close();

        assertThat(Files.readAllLines(directory.resolve("events.jsonl.1"))).isEqualTo(lines(0, 4));
        assertThat(Files.readAllLines(file)).isEqualTo(lines(4, 5));
        assertThat(dropped).hasValue(0);
    }

    @Test
    void aFileThatCannotBeRotatedIsWrittenOnAndRotatedOnceItCanBe() throws IOException, InterruptedException {
        Path file = directory.resolve("events.jsonl");
        Path inTheWay = Files.createDirectories(directory.resolve("events.jsonl.1").resolve("in-the-way"));
        JsonlSink sink = sink(file, 2L * lineLength(0));
        write(sink, 0, 6);
        sink.flush();
        assertThat(Files.readAllLines(file)).isEqualTo(lines(0, 6));
        Files.delete(inTheWay);
        Files.delete(inTheWay.getParent());
        Thread.sleep(1100);
        write(sink, 6, 7);
        sink.close();

        assertThat(Files.readAllLines(directory.resolve("events.jsonl.1"))).isEqualTo(lines(0, 6));
        assertThat(Files.readAllLines(file)).isEqualTo(lines(6, 7));
        assertThat(dropped).hasValue(0);
        assertThat(said()).containsExactly("connject: warn: cannot rotate " + file + ": DirectoryNotEmptyException ("
                        + inTheWay.getParent() + "); it is written on past its jsonl_max, and rotated once it can be",
                "connject: rotated " + file + " again");
    }

    @Test
    void aDirectoryThatCannotBeMadeIsSaidOnceAndItsEventsAreCounted() throws IOException {
        Path notADirectory = Files.createFile(directory.resolve("file"));
        Path file = notADirectory.resolve("events.jsonl");
        JsonlSink sink = sink(file, 0);
        write(sink, 0, 3);
        sink.flush();

        assertThat(dropped).hasValue(3);
        assertThat(said()).containsExactly("connject: warn: cannot write " + file + ": FileAlreadyExistsException ("
                + notADirectory + "); until it can, the events connject cannot hold for it are dropped and counted in status");
    }

    private List<String> said() {
        return stderr.lines();
    }

    private JsonlSink sink(Path file, long maxBytes) {
        return sink(file, maxBytes, 1);
    }

    private JsonlSink sink(Path file, long maxBytes, int keep) {
        return new JsonlSink(file, maxBytes, keep, (sink, lines) -> dropped.addAndGet(lines), disk);
    }

    private void write(JsonlSink sink, int from, int to) {
        for (int id = from; id < to; id++) {
            write(sink, id);
        }
    }

    private void write(JsonlSink sink, int id) {
        line.begin();
        line.key("id").number(id).key("padding").string("x".repeat(20));
        line.end();
        sink.write(line);
    }

    private int lineLength(int id) {
        return text(id).length() + 1;
    }

    private static String text(int id) {
        return "{\"id\":" + id + ",\"padding\":\"" + "x".repeat(20) + "\"}";
    }

    private static List<String> lines(int from, int to) {
        return IntStream.range(from, to).mapToObj(JsonlSinkTest::text).toList();
    }

    /** Files that take bytes while there is {@link #room} for them, then fail as a full disk does. */
    private static final class FillingDisk implements JsonlSink.Opener {

        long room = Long.MAX_VALUE;
        boolean open;
        int opened;

        @Override
        public SeekableByteChannel open(Path file) throws IOException {
            SeekableByteChannel real = JsonlSink.Opener.APPEND.open(file);
            open = true;
            opened++;
            return new SeekableByteChannel() {
                @Override
                public int write(ByteBuffer source) throws IOException {
                    if (room == 0) {
                        throw new IOException("No space left on device");
                    }
                    ByteBuffer part = source.slice();
                    part.limit((int) Math.min(part.remaining(), room));
                    int written = real.write(part);
                    source.position(source.position() + written);
                    room -= written;
                    return written;
                }

                @Override
                public int read(ByteBuffer target) throws IOException {
                    return real.read(target);
                }

                @Override
                public long position() throws IOException {
                    return real.position();
                }

                @Override
                public SeekableByteChannel position(long position) throws IOException {
                    real.position(position);
                    return this;
                }

                @Override
                public long size() throws IOException {
                    return real.size();
                }

                @Override
                public SeekableByteChannel truncate(long size) throws IOException {
                    real.truncate(size);
                    return this;
                }

                @Override
                public boolean isOpen() {
                    return real.isOpen();
                }

                @Override
                public void close() throws IOException {
                    open = false;
                    real.close();
                }
            };
        }
    }
}
