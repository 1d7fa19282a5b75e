package dev.connject.agent.record;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import sun.nio.ch.ConnjectJdk;

/**
 * Socket addresses as events show them, as {@code getHostAddress()} writes the address:
 * {@code 10.0.0.5:5432}, {@code [fd00:0:0:0:0:0:0:1]:5432}, {@code [fe80:0:0:0:0:0:0:1%eth0]:5432}.
 * The text is made from the address's own bytes, by one writer for every sink, so that JSON Lines,
 * JFR and {@code status} show an address alike. {@code getHostAddress()} copies the address and
 * builds its text in a {@code StringBuilder} before the port is appended: in one profile of the
 * JFR loop that took nearly as many CPU samples as committing the event, in later ones under a
 * tenth of a percent.
 */
final class Addresses {

    /**
     * The most that {@link #write} writes: eight groups of four hex digits, seven colons, the
     * brackets, a scope of up to 15 characters (a Linux interface name, or a number) and its
     * {@code %}, the port and its colon.
     */
    static final int MAX_LENGTH = 2 + 8 * 4 + 7 + 1 + 15 + 1 + 5;

    private static final int MAX_SCOPE = 15;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private Addresses() {
    }

    static String format(InetAddress address, int port) {
        if (address instanceof Inet4Address) {
            // a chain of appends C2 sizes exactly: one array and the string, where a buffer for
            // write() would be a third allocation
            int value = ConnjectJdk.ipv4((Inet4Address) address);
            return (value >>> 24) + "." + ((value >>> 16) & 0xff) + "." + ((value >>> 8) & 0xff) + "."
                    + (value & 0xff) + ":" + port;
        }
        byte[] text = new byte[MAX_LENGTH];
        return new String(text, 0, write(address, port, text, 0), StandardCharsets.ISO_8859_1);
    }

    /** Writes the text into {@code bytes} from {@code at}, where {@link #MAX_LENGTH} bytes are free; answers where it ends. */
    static int write(InetAddress address, int port, byte[] bytes, int at) {
        if (address instanceof Inet4Address) {
            int value = ConnjectJdk.ipv4((Inet4Address) address);
            for (int shift = 24; shift >= 0; shift -= 8) {
                at = decimal((value >>> shift) & 0xff, bytes, at);
                if (shift > 0) {
                    bytes[at++] = '.';
                }
            }
        } else {
            Inet6Address ipv6 = (Inet6Address) address;
            byte[] value = ConnjectJdk.ipv6(ipv6);
            bytes[at++] = '[';
            for (int group = 0; group < 8; group++) {
                if (group > 0) {
                    bytes[at++] = ':';
                }
                at = hex(((value[2 * group] & 0xff) << 8) | (value[2 * group + 1] & 0xff), bytes, at);
            }
            at = scope(ipv6, bytes, at);
            bytes[at++] = ']';
        }
        bytes[at++] = ':';
        return decimal(port, bytes, at);
    }

    /** As {@code getHostAddress()}: the interface the address was scoped by, else its scope number. */
    private static int scope(Inet6Address address, byte[] bytes, int at) {
        NetworkInterface scoped = address.getScopedInterface();
        if (scoped != null) {
            String name = scoped.getName();
            int length = Math.min(name.length(), MAX_SCOPE);
            bytes[at++] = '%';
            for (int i = 0; i < length; i++) {
                bytes[at++] = (byte) name.charAt(i);
            }
            return at;
        }
        if (address.getScopeId() != 0) {
            bytes[at++] = '%';
            return decimal(address.getScopeId(), bytes, at);
        }
        return at;
    }

    private static int decimal(int value, byte[] bytes, int at) {
        int end = at + digits(value);
        int position = end;
        do {
            bytes[--position] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        return end;
    }

    private static int digits(int value) {
        int digits = 1;
        while (value >= 10) {
            value /= 10;
            digits++;
        }
        return digits;
    }

    /** A group as Java writes it: hex digits without leading zeros. */
    private static int hex(int value, byte[] bytes, int at) {
        for (int shift = 12; shift >= 0; shift -= 4) {
            int digit = (value >>> shift) & 0xf;
            if (digit != 0 || shift == 0 || value >>> (shift + 4) != 0) {
                bytes[at++] = HEX[digit];
            }
        }
        return at;
    }
}
