package dev.connject.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads one entry of {@code match.host}: an IPv4 or IPv6 literal is a block with a full-length
 * prefix, {@code address/prefix} is a block, and anything else is a host-name glob.
 */
final class HostPatterns {
    private static final Pattern NAME = Pattern.compile("[a-z0-9._*?-]+");
    private static final Pattern DOTTED = Pattern.compile("[0-9.]+");
    private static final Pattern PREFIX = Pattern.compile("[0-9]{1,3}");
    private static final byte[] IPV4_MAPPED = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

    private HostPatterns() {
    }

    /**
     * The pattern {@code text} denotes.
     *
     * @throws IllegalArgumentException with a message fit to show the user
     */
    static HostPattern parse(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException(
                    "empty host; write a name such as db.internal, an address, or a block such as 10.0.0.0/8");
        }
        int slash = text.indexOf('/');
        if (slash >= 0) {
            return block(text, text.substring(0, slash), text.substring(slash + 1));
        }
        if (text.indexOf(':') >= 0 || DOTTED.matcher(text).matches()) {
            Optional<byte[]> address = AddressLiteral.parse(text);
            if (address.isEmpty()) {
                throw new IllegalArgumentException("bad " + family(text) + " address '" + text + "'");
            }
            return addresses(text, address.get(), address.get().length * 8);
        }
        return name(text);
    }

    private static HostPattern block(String text, String addressText, String prefixText) {
        Optional<byte[]> parsed = AddressLiteral.parse(addressText);
        if (parsed.isEmpty()) {
            throw new IllegalArgumentException(
                    "bad CIDR '" + text + "': '" + addressText + "' is not an IPv4 or IPv6 address");
        }
        byte[] address = parsed.get();
        int bits = address.length * 8;
        if (!PREFIX.matcher(prefixText).matches() || Integer.parseInt(prefixText) > bits) {
            throw new IllegalArgumentException("bad CIDR '" + text + "': the prefix of an " + family(addressText)
                    + " block is 0 to " + bits);
        }
        int prefix = Integer.parseInt(prefixText);
        byte[] network = network(address, prefix);
        if (!Arrays.equals(address, network)) {
            throw new IllegalArgumentException(text + " has host bits set; did you mean "
                    + AddressLiteral.format(network) + "/" + prefix + "?");
        }
        return addresses(text, address, prefix);
    }

    /**
     * A block, with IPv4-mapped IPv6 addresses turned into IPv4 ones: the JDK hands such
     * addresses to applications as {@code Inet4Address}, so only the IPv4 form could ever match.
     */
    private static HostPattern addresses(String text, byte[] address, int prefix) {
        int mappedBits = IPV4_MAPPED.length * 8;
        if (address.length == 16 && prefix >= mappedBits
                && Arrays.equals(IPV4_MAPPED, Arrays.copyOf(address, IPV4_MAPPED.length))) {
            return new HostPattern.ForCidr(text, Arrays.copyOfRange(address, 12, 16), prefix - mappedBits);
        }
        return new HostPattern.ForCidr(text, address, prefix);
    }

    private static HostPattern name(String text) {
        String name = text.toLowerCase(Locale.ROOT);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad host name '" + text
                    + "'; use letters, digits, '-', '_', '.' and the globs * and ?");
        }
        return new HostPattern.ForName(Globs.parse(name, '.'));
    }

    private static byte[] network(byte[] address, int prefix) {
        byte[] network = address.clone();
        for (int bit = prefix; bit < network.length * 8; bit++) {
            network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return network;
    }

    private static String family(String address) {
        return address.indexOf(':') >= 0 ? "IPv6" : "IPv4";
    }
}
