package dev.connject.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class HostPatternsTest {

    @Test
    void anIpv4LiteralIsABlockOfOne() {
        assertThat(HostPatterns.parse("192.168.1.20"))
                .isEqualTo(new HostPattern.ForCidr("192.168.1.20", new byte[] {(byte) 192, (byte) 168, 1, 20}, 32));
    }

    @Test
    void anIpv6LiteralIsABlockOfOne() throws UnknownHostException {
        assertThat(HostPatterns.parse("::1")).isEqualTo(new HostPattern.ForCidr("::1", bytes("::1"), 128));
        assertThat(HostPatterns.parse("2001:DB8::8:800:200C:417A")).isEqualTo(
                new HostPattern.ForCidr("2001:DB8::8:800:200C:417A", bytes("2001:db8::8:800:200c:417a"), 128));
        assertThat(HostPatterns.parse("1:2:3:4:5:6:7:8"))
                .isEqualTo(new HostPattern.ForCidr("1:2:3:4:5:6:7:8", bytes("1:2:3:4:5:6:7:8"), 128));
        assertThat(HostPatterns.parse("::")).isEqualTo(new HostPattern.ForCidr("::", new byte[16], 128));
    }

    @Test
    void cidrBlocksKeepTheirPrefix() throws UnknownHostException {
        assertThat(HostPatterns.parse("10.0.0.0/8"))
                .isEqualTo(new HostPattern.ForCidr("10.0.0.0/8", new byte[] {10, 0, 0, 0}, 8));
        assertThat(HostPatterns.parse("fd00::/8")).isEqualTo(new HostPattern.ForCidr("fd00::/8", bytes("fd00::"), 8));
        assertThat(HostPatterns.parse("0.0.0.0/0")).isEqualTo(new HostPattern.ForCidr("0.0.0.0/0", new byte[4], 0));
    }

    @Test
    void anIpv4MappedAddressBecomesIpv4AsTheJdkPresentsIt() {
        assertThat(HostPatterns.parse("::ffff:10.0.0.1"))
                .isEqualTo(new HostPattern.ForCidr("::ffff:10.0.0.1", new byte[] {10, 0, 0, 1}, 32));
        assertThat(HostPatterns.parse("::ffff:10.0.0.0/104"))
                .isEqualTo(new HostPattern.ForCidr("::ffff:10.0.0.0/104", new byte[] {10, 0, 0, 0}, 8));
    }

    @Test
    void anythingElseIsALowerCasedNameGlob() {
        assertThat(HostPatterns.parse("DB.Internal")).isEqualTo(new HostPattern.ForName(new Glob("db.internal", '.')));
        assertThat(HostPatterns.parse("*.payments.svc"))
                .isEqualTo(new HostPattern.ForName(new Glob("*.payments.svc", '.')));
        assertThat(HostPatterns.parse("10.0.0.*")).isEqualTo(new HostPattern.ForName(new Glob("10.0.0.*", '.')));
    }

    @Test
    void aNameIsNeverLookedUp() {
        assertThat(HostPatterns.parse("localhost")).isInstanceOf(HostPattern.ForName.class);
        assertThat(HostPatterns.parse("no-such-host.invalid")).isInstanceOf(HostPattern.ForName.class);
    }

    @Test
    void badIpv4LiteralsAreRefused() {
        for (String text : new String[] {"10.0.0.256", "10.0.0", "10.0.0.0.1", "10.0.0.01", "10..0.1"}) {
            assertThatIllegalArgumentException().isThrownBy(() -> HostPatterns.parse(text))
                    .withMessage("bad IPv4 address '" + text + "'");
        }
    }

    @Test
    void badIpv6LiteralsAreRefused() {
        for (String text : new String[] {"fd00:::1", "1::2::3", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "12345::",
                ":1", "1:", "::g", "1.2.3.4::", "fe80::1%eth0", "::1:2:3:4:5:6:7:8"}) {
            assertThatIllegalArgumentException().isThrownBy(() -> HostPatterns.parse(text))
                    .withMessage("bad IPv6 address '" + text + "'");
        }
    }

    @Test
    void aPrefixBeyondTheAddressLengthIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> HostPatterns.parse("10.0.0.0/33"))
                .withMessage("bad CIDR '10.0.0.0/33': the prefix of an IPv4 block is 0 to 32");
        assertThatIllegalArgumentException().isThrownBy(() -> HostPatterns.parse("fd00::/129"))
                .withMessage("bad CIDR 'fd00::/129': the prefix of an IPv6 block is 0 to 128");
        assertThatIllegalArgumentException().isThrownBy(() -> HostPatterns.parse("10.0.0.0/"))
                .withMessage("bad CIDR '10.0.0.0/': the prefix of an IPv4 block is 0 to 32");
    }

    @Test
    void aBlockOfANameIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> HostPatterns.parse("db.internal/24"))
                .withMessage("bad CIDR 'db.internal/24': 'db.internal' is not an IPv4 or IPv6 address");
    }

    @Test
    void hostBitsSetAreRefusedWithTheBlockThatWasMeant() {
        assertThatIllegalArgumentException().isThrownBy(() -> HostPatterns.parse("10.0.0.1/8"))
                .withMessage("10.0.0.1/8 has host bits set; did you mean 10.0.0.0/8?");
        assertThatIllegalArgumentException().isThrownBy(() -> HostPatterns.parse("fd00::1/8"))
                .withMessage("fd00::1/8 has host bits set; did you mean fd00::/8?");
        assertThatIllegalArgumentException().isThrownBy(() -> HostPatterns.parse("2001:db8:0:1:0:0:1:1/64"))
                .withMessage("2001:db8:0:1:0:0:1:1/64 has host bits set; did you mean 2001:db8:0:1::/64?");
    }

    @Test
    void anEmptyHostIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> HostPatterns.parse(""))
                .withMessage("empty host; write a name such as db.internal, an address, or a block such as 10.0.0.0/8");
    }

    @Test
    void aNameWithOtherCharactersIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> HostPatterns.parse("db internal"))
                .withMessage("bad host name 'db internal'; use letters, digits, '-', '_', '.' and the globs * and ?");
    }

    /** The JDK's reading of a literal, which needs no lookup, to check ours against. */
    private static byte[] bytes(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal).getAddress();
    }
}
