package dev.connject.agent.record;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * One line of JSON built in a reusable byte buffer, field by field, without a String in between:
 * the recorder's thread writes tens of thousands of these a second, and what it allocates the
 * application's heap pays for. Non-ASCII characters are written as {@code \\uXXXX} escapes, so
 * the bytes are the characters.
 */
final class JsonLine {

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private byte[] bytes = new byte[1024];
    private int length;
    private boolean first;

    void begin() {
        length = 0;
        objectStart();
    }

    void end() {
        objectEnd();
        put('\n');
    }

    JsonLine objectStart() {
        put('{');
        first = true;
        return this;
    }

    JsonLine objectEnd() {
        put('}');
        first = false;
        return this;
    }

    /** The line as text, without its line break: for listeners, who keep it. */
    String text() {
        return new String(bytes, 0, length - 1, java.nio.charset.StandardCharsets.US_ASCII);
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    JsonLine key(String name) {
        if (!first) {
            put(',');
        }
        first = false;
        put('"');
        ascii(name);
        ascii("\":");
        return this;
    }

    JsonLine string(CharSequence value) {
        if (value == null) {
            ascii("null");
            return this;
        }
        put('"');
        escaped(value);
        put('"');
        return this;
    }

    JsonLine number(long value) {
        if (value == Long.MIN_VALUE) {
            ascii("-9223372036854775808");
            return this;
        }
        if (value < 0) {
            put('-');
            value = -value;
        }
        int start = length;
        do {
            put((char) ('0' + value % 10));
            value /= 10;
        } while (value > 0);
        reverse(start, length - 1);
        return this;
    }

    JsonLine bool(boolean value) {
        ascii(value ? "true" : "false");
        return this;
    }

    JsonLine nullValue() {
        ascii("null");
        return this;
    }

    /** An address as {@link Addresses} writes it, quoted, or null. */
    JsonLine address(InetAddress address, int port) {
        if (address == null) {
            return nullValue();
        }
        room(Addresses.MAX_LENGTH + 2);
        bytes[length++] = '"';
        length = Addresses.write(address, port, bytes, length);
        bytes[length++] = '"';
        return this;
    }

    /** An instant as ISO-8601 in UTC with microseconds: {@code "2026-11-24T19:13:00.123456Z"}. */
    JsonLine time(long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, 1_000_000_000L);
        long micros = Math.floorMod(epochNanos, 1_000_000_000L) / 1000;
        long days = Math.floorDiv(seconds, 86_400L);
        long secondOfDay = Math.floorMod(seconds, 86_400L);
        // days since 1970-01-01 to a civil date (Howard Hinnant's algorithm)
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthIndex = (5 * dayOfYear + 2) / 153;
        long day = dayOfYear - (153 * monthIndex + 2) / 5 + 1;
        long month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        put('"');
        padded(year, 4);
        put('-');
        padded(month, 2);
        put('-');
        padded(day, 2);
        put('T');
        padded(secondOfDay / 3600, 2);
        put(':');
        padded(secondOfDay / 60 % 60, 2);
        put(':');
        padded(secondOfDay % 60, 2);
        put('.');
        padded(micros, 6);
        put('Z');
        put('"');
        return this;
    }

    /** Starts a JSON string value whose content the caller appends with {@link #escaped}, then {@link #closeString}. */
    JsonLine openString() {
        put('"');
        return this;
    }

    JsonLine closeString() {
        put('"');
        return this;
    }

    JsonLine raw(char c) {
        put(c);
        return this;
    }

    JsonLine escaped(CharSequence value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                put('\\');
                put(c);
            } else if (c >= 0x20 && c < 0x7f) {
                put(c);
            } else if (c == '\n') {
                ascii("\\n");
            } else {
                ascii("\\u");
                hexDigits(c, 4);
            }
        }
        return this;
    }

    private void padded(long value, int digits) {
        int start = length;
        for (int i = 0; i < digits; i++) {
            put((char) ('0' + value % 10));
            value /= 10;
        }
        reverse(start, length - 1);
    }

    private void hexDigits(int value, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            put((char) HEX[(value >>> shift) & 0xf]);
        }
    }

    /**
     * Copies the characters' low bytes in one go, not one {@code put} each. C2 compiles the writing
     * of a whole line as one method, inlining what it can: with a loop for each key and literal,
     * that compilation took 26 MB of native memory (JDK 25), which then stays resident; with
     * copies, 17 MB, and 15 MB once {@link #put} shares {@link #room} ({@code jcmd PID Compiler.memory}).
     */
    @SuppressWarnings("deprecation")
    private void ascii(String text) {
        int count = text.length();
        room(count);
        text.getBytes(0, count, bytes, length);
        length += count;
    }

    private void reverse(int from, int to) {
        while (from < to) {
            byte swap = bytes[from];
            bytes[from++] = bytes[to];
            bytes[to--] = swap;
        }
    }

    private void put(char c) {
        room(1);
        bytes[length++] = (byte) c;
    }

    /** Grows the buffer, at least doubling it, until {@code count} more bytes fit. */
    private void room(int count) {
        if (length + count > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + count));
        }
    }
}
