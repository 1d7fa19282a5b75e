package dev.connject.config;

import java.util.Arrays;
import java.util.Objects;

/**
 * One entry of {@code match.host}: a name glob, an address literal, or a CIDR block.
 * Names are compared with the host name the application asked for; addresses and blocks with the
 * address it resolved to. None of them ever causes a DNS lookup.
 */
public sealed interface HostPattern {

    /** The text as written in the rules file. */
    String text();

    /** A host-name glob, compared case-insensitively; {@code *} stays within one label. */
    record ForName(Glob glob) implements HostPattern {
        public ForName {
            Objects.requireNonNull(glob, "glob");
        }

        @Override
        public String text() {
            return glob.text();
        }
    }

    /**
     * An address block; a single address is a block with a full-length prefix.
     *
     * @param address      the network address, 4 or 16 bytes, host bits cleared
     * @param prefixLength the number of leading bits that must equal {@code address}
     */
    record ForCidr(String text, byte[] address, int prefixLength) implements HostPattern {
        public ForCidr {
            Objects.requireNonNull(text, "text");
            address = address.clone();
            if ((address.length != 4 && address.length != 16)
                    || prefixLength < 0 || prefixLength > address.length * 8) {
                throw new IllegalArgumentException("bad CIDR: " + text);
            }
        }

        @Override
        public byte[] address() {
            return address.clone();
        }

        // A record compares arrays by identity; two blocks read from the same text must be equal.
        @Override
        public boolean equals(Object other) {
            return other instanceof ForCidr that && text.equals(that.text)
                    && Arrays.equals(address, that.address) && prefixLength == that.prefixLength;
        }

        @Override
        public int hashCode() {
            return Objects.hash(text, Arrays.hashCode(address), prefixLength);
        }

        @Override
        public String toString() {
            return "ForCidr[" + text + "]";
        }
    }
}
