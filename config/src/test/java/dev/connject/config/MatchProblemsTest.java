package dev.connject.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MatchProblemsTest {

    private static String match(String body) {
        return "version: 1\nrules:\n  - name: r\n    fault:\n      errno: EPERM\n    match:\n" + body.indent(6);
    }

    @Test
    void portZeroIsNotADestination() {
        assertThat(TestRules.problemsIn(match("port: 0")))
                .containsExactly("7:13: port 0 is not a destination port; use 1 to 65535");
    }

    @Test
    void aPortAboveTheHighestIsRefused() {
        assertThat(TestRules.problemsIn(match("port: 70000")))
                .containsExactly("7:13: port 70000 is out of range; use 1 to 65535");
    }

    @Test
    void aReversedPortRangeIsRefused() {
        assertThat(TestRules.problemsIn(match("port: 8999-8000")))
                .containsExactly("7:13: port range '8999-8000' is reversed; write the lower port first");
    }

    @Test
    void aPortMustBeANumberOrARange() {
        assertThat(TestRules.problemsIn(match("port: http")))
                .containsExactly("7:13: bad port 'http'; write a port such as 5432 or a range such as 8000-8999");
    }

    @Test
    void eachEntryOfAListIsCheckedOnItsOwn() {
        assertThat(TestRules.problemsIn(match("port: [80, 0, 443, 99999]"))).containsExactly(
                "7:18: port 0 is not a destination port; use 1 to 65535",
                "7:26: port 99999 is out of range; use 1 to 65535");
    }

    @Test
    void aMappingWhereAListIsExpectedIsRefused() {
        assertThat(TestRules.problemsIn(match("host:\n  name: db.internal"))).containsExactly(
                "8:9: 'host' must be one value or a list of values, not a mapping");
    }

    @Test
    void anEmptyListIsRefusedBecauseItWouldMatchEverything() {
        assertThat(TestRules.problemsIn(match("host: []")))
                .containsExactly("7:13: 'host' is an empty list; leave it out to match any host");
    }

    @Test
    void anUnknownProtocolNamesTheProtocols() {
        assertThat(TestRules.problemsIn(match("protocol: sctp")))
                .containsExactly("7:17: unknown protocol 'sctp'; expected one of: tcp, udp, unix");
    }

    @Test
    void anUnknownApiNamesTheApis() {
        assertThat(TestRules.problemsIn(match("api: [socket, nio]")))
                .containsExactly("7:21: unknown api 'nio'; expected one of: socket, channel, async, datagram");
    }

    @Test
    void aPathMatchesOnlyUnixConnects() {
        assertThat(TestRules.problemsIn(match("protocol: tcp\npath: /run/app.sock")))
                .containsExactly("8:13: 'path' matches only unix connects; add unix to 'protocol' or drop 'path'");
    }

    @Test
    void aPathWithUnixAmongTheProtocolsIsFine() throws InvalidRulesException {
        assertThat(TestRules.read(match("protocol: [tcp, unix]\npath: /run/app.sock")).rules()).hasSize(1);
    }

    @Test
    void aBadHostIsReportedWithItsPlace() {
        assertThat(TestRules.problemsIn(match("host: [db.internal, 10.0.0.256]")))
                .containsExactly("7:27: bad IPv4 address '10.0.0.256'");
    }

    @Test
    void aMisspeltMatchKeySuggestsTheNearest() {
        assertThat(TestRules.problemsIn(match("hots: db.internal")))
                .containsExactly("7:7: unknown key 'hots' (did you mean 'host'?)");
    }
}
