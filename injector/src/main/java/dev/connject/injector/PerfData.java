package dev.connject.injector;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The string counters of a HotSpot JVM's performance data file, {@code /tmp/hsperfdata_USER/PID},
 * which jps and jcmd read: what the JVM runs, its Java version, whether it takes attach requests.
 * Read from the file, without attaching and without the JDK-internal jvmstat module, which a
 * trimmed runtime may lack. A JVM started with {@code -XX:-UsePerfData} has no such file.
 */
final class PerfData {

    /** The counter whose first character is 1 when the JVM takes attach requests. */
    static final String CAPABILITIES = "sun.rt.jvmCapabilities";

    /** What the JVM was started to run: main class or jar, then its arguments. */
    static final String JAVA_COMMAND = "sun.rt.javaCommand";

    /** The {@code java.version} system property. */
    static final String JAVA_VERSION = "java.property.java.version";

    private static final int MAGIC = 0xcafec0c0;
    private static final int PROLOGUE_BYTE_ORDER = 4;
    private static final int PROLOGUE_ACCESSIBLE = 7;
    private static final int PROLOGUE_ENTRY_OFFSET = 24;
    private static final int PROLOGUE_ENTRY_COUNT = 28;
    private static final int ENTRY_NAME_OFFSET = 4;
    private static final int ENTRY_VECTOR_LENGTH = 8;
    private static final int ENTRY_DATA_TYPE = 12;
    private static final int ENTRY_DATA_OFFSET = 16;
    private static final byte TYPE_BYTE = 'B';

    private final Map<String, String> strings;

    private PerfData(Map<String, String> strings) {
        this.strings = Map.copyOf(strings);
    }

    /** The performance data of {@code process}, if it has a readable, initialized file. */
    static Optional<PerfData> of(LinuxProcess process) {
        Path temporary = process.seenFromProcess("/tmp");
        String fileName = Long.toString(process.namespacePid());
        try (DirectoryStream<Path> users = Files.newDirectoryStream(temporary, "hsperfdata_*")) {
            for (Path user : users) {
                Path file = user.resolve(fileName);
                if (Files.isRegularFile(file)) {
                    return parse(ByteBuffer.wrap(Files.readAllBytes(file)));
                }
            }
        } catch (IOException | RuntimeException unreadableOrMalformed) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    Optional<String> string(String name) {
        return Optional.ofNullable(strings.get(name));
    }

    private static Optional<PerfData> parse(ByteBuffer file) {
        if (file.getInt(0) != MAGIC) {
            return Optional.empty();
        }
        file.order(file.get(PROLOGUE_BYTE_ORDER) == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        if (file.get(PROLOGUE_ACCESSIBLE) == 0) {
            return Optional.empty();
        }
        Map<String, String> strings = new HashMap<>();
        int entry = file.getInt(PROLOGUE_ENTRY_OFFSET);
        int count = file.getInt(PROLOGUE_ENTRY_COUNT);
        for (int i = 0; i < count; i++) {
            int length = file.getInt(entry);
            if (length <= 0) {
                break;
            }
            int vectorLength = file.getInt(entry + ENTRY_VECTOR_LENGTH);
            if (file.get(entry + ENTRY_DATA_TYPE) == TYPE_BYTE && vectorLength > 0) {
                String name = terminated(file, entry + file.getInt(entry + ENTRY_NAME_OFFSET), length);
                strings.put(name, terminated(file, entry + file.getInt(entry + ENTRY_DATA_OFFSET), vectorLength));
            }
            entry += length;
        }
        return Optional.of(new PerfData(strings));
    }

    private static String terminated(ByteBuffer file, int start, int maxLength) {
        int end = start;
        while (end < start + maxLength && end < file.limit() && file.get(end) != 0) {
            end++;
        }
        byte[] bytes = new byte[end - start];
        file.get(start, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
