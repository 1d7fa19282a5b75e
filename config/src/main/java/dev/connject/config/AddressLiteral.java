package dev.connject.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * IPv4 and IPv6 address literals, read and written by hand. {@code InetAddress.getByName} is no
 * substitute: given anything that is not a literal it asks DNS, and a rules file must never
 * cause a lookup.
 */
final class AddressLiteral {
    private static final Pattern OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");

    private AddressLiteral() {
    }

    /**
     * The 4 bytes of a dotted IPv4 literal, or the 16 bytes of an IPv6 literal (one with a colon);
     * empty when {@code text} is not a well-formed literal. Octets with leading zeros are refused
     * because {@code inet_aton} would read them as octal.
     */
    static Optional<byte[]> parse(String text) {
        return text.indexOf(':') >= 0 ? ipv6(text) : ipv4(text);
    }

    /** Dotted quad for 4 bytes; for 16, the RFC 5952 form, its longest run of zero groups as {@code ::}. */
    static String format(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "." + (address[3] & 0xff);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        // A lone zero group is written out, not elided (RFC 5952 section 4.2.2).
        int runStart = -1;
        int runLength = 1;
        for (int start = 0; start < 8; start++) {
            int length = 0;
            while (start + length < 8 && groups[start + length] == 0) {
                length++;
            }
            if (length > runLength) {
                runStart = start;
                runLength = length;
            }
        }
        if (runStart < 0) {
            return hex(groups, 0, 8);
        }
        return hex(groups, 0, runStart) + "::" + hex(groups, runStart + runLength, 8);
    }

    private static String hex(int[] groups, int from, int to) {
        StringJoiner text = new StringJoiner(":");
        for (int i = from; i < to; i++) {
            text.add(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    private static Optional<byte[]> ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] address = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!OCTET.matcher(parts[i]).matches() || Integer.parseInt(parts[i]) > 255) {
                return Optional.empty();
            }
            address[i] = (byte) Integer.parseInt(parts[i]);
        }
        return Optional.of(address);
    }

    private static Optional<byte[]> ipv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return Optional.empty();
        }
        Optional<List<Integer>> head = groups(gap < 0 ? text : text.substring(0, gap), gap < 0);
        Optional<List<Integer>> tail = groups(gap < 0 ? "" : text.substring(gap + 2), true);
        if (head.isEmpty() || tail.isEmpty()) {
            return Optional.empty();
        }
        int elided = 8 - head.get().size() - tail.get().size();
        if (gap < 0 ? elided != 0 : elided < 1) {
            return Optional.empty();
        }
        List<Integer> groups = new ArrayList<>(head.get());
        for (int i = 0; i < elided; i++) {
            groups.add(0);
        }
        groups.addAll(tail.get());
        byte[] address = new byte[16];
        for (int i = 0; i < 8; i++) {
            address[2 * i] = (byte) (groups.get(i) >> 8);
            address[2 * i + 1] = (byte) (int) groups.get(i);
        }
        return Optional.of(address);
    }

    /**
     * The 16-bit groups of a colon-separated run; when the run ends the address, its last part
     * may be a dotted IPv4 address, as in {@code ::ffff:10.0.0.1}.
     */
    private static Optional<List<Integer>> groups(String run, boolean endsAddress) {
        List<Integer> groups = new ArrayList<>();
        if (run.isEmpty()) {
            return Optional.of(groups);
        }
        String[] parts = run.split(":", -1);
        for (int i = 0; i < parts.length; i++) {
            boolean last = i == parts.length - 1;
            if (last && endsAddress && parts[i].indexOf('.') >= 0) {
                Optional<byte[]> ipv4 = ipv4(parts[i]);
                if (ipv4.isEmpty()) {
                    return Optional.empty();
                }
                groups.add(((ipv4.get()[0] & 0xff) << 8) | (ipv4.get()[1] & 0xff));
                groups.add(((ipv4.get()[2] & 0xff) << 8) | (ipv4.get()[3] & 0xff));
            } else if (HEX_GROUP.matcher(parts[i]).matches()) {
                groups.add(Integer.parseInt(parts[i], 16));
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(groups);
    }
}
