package dev.connject.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValidRulesFileTest {
    private static final String FULL = """
            version: 1
            mode: dry-run
            seed: 42
            record:
              log: debug
              jsonl: /var/log/app/connects.jsonl
              jsonl_max: 64MB
              jsonl_keep: 3
              jfr: false
              stack: 4
              caller: failures
              sample: 0.25
            rules:
              - name: payments-db-down
                match:
                  host: ["DB.Internal", "*.payments.svc", "10.0.0.0/8", "fd00::/8", "127.0.0.1"]
                  port: [5432, "8000-8999"]
                  protocol: [tcp, unix]
                  path: "/run/app/*.sock"
                  api: [socket, channel, async, datagram]
                  caller: "com.example.billing.**"
                  thread: "http-nio-*"
                fault:
                  errno: ECONNREFUSED
                  delivery: async
                  delay: 100ms-500ms
                when:
                  probability: 0.25
                  skip: 2
                  every: 3
                  times: 10
                  from: 30s
                  for: 5m
              - name: blackhole
                fault:
                  timeout: 30s
            """;

    @Test
    void aFullFileIsReadIntoEveryField() throws InvalidRulesException {
        RuleSet rules = TestRules.read(FULL);

        assertThat(rules.version()).isEqualTo(1);
        assertThat(rules.mode()).isEqualTo(Mode.DRY_RUN);
        assertThat(rules.seed()).isEqualTo(OptionalLong.of(42));
        assertThat(rules.source()).isEqualTo("rules.yaml");
        assertThat(rules.text()).isEqualTo(FULL);
        assertThat(rules.recording()).isEqualTo(new Recording(Recording.EventLog.DEBUG,
                Optional.of(Path.of("/var/log/app/connects.jsonl")), 64L << 20, 3, false, 4, Recording.Callers.FAILURES,
                0.25));
        assertThat(rules.rules()).extracting(Rule::name).containsExactly("payments-db-down", "blackhole");
    }

    @Test
    void aFullRuleIsReadIntoEveryField() throws InvalidRulesException {
        Rule rule = TestRules.read(FULL).rules().get(0);

        assertThat(rule.line()).isEqualTo(14);
        assertThat(rule.match()).isEqualTo(new Match(
                List.of(new HostPattern.ForName(new Glob("db.internal", '.')),
                        new HostPattern.ForName(new Glob("*.payments.svc", '.')),
                        new HostPattern.ForCidr("10.0.0.0/8", new byte[] {10, 0, 0, 0}, 8),
                        new HostPattern.ForCidr("fd00::/8", fd00(), 8),
                        new HostPattern.ForCidr("127.0.0.1", new byte[] {127, 0, 0, 1}, 32)),
                List.of(new PortRange(5432, 5432), new PortRange(8000, 8999)),
                Set.of(Protocol.TCP, Protocol.UNIX),
                List.of(new Glob("/run/app/*.sock", '/')),
                Set.of(Api.SOCKET, Api.CHANNEL, Api.ASYNC, Api.DATAGRAM),
                List.of(new Glob("com.example.billing.**", '.')),
                List.of(new Glob("http-nio-*", (char) 0))));
        assertThat(rule.fault()).isEqualTo(new Fault(Optional.of(Errno.ECONNREFUSED), Delivery.ASYNC, Optional.empty(),
                Optional.of(new DelayRange(Duration.ofMillis(100), Duration.ofMillis(500)))));
        assertThat(rule.when()).isEqualTo(new When(0.25, 2, 3, 10, Duration.ofSeconds(30),
                Optional.of(Duration.ofMinutes(5))));
    }

    @Test
    void leftOutSectionsTakeTheirDefaults() throws InvalidRulesException {
        Rule rule = TestRules.read(FULL).rules().get(1);

        assertThat(rule.match()).isEqualTo(Match.any());
        assertThat(rule.fault()).isEqualTo(Fault.timeout(Duration.ofSeconds(30)));
        assertThat(rule.when()).isEqualTo(When.always());
    }

    @Test
    void aVersionAloneRecordsWithTheDefaults() throws InvalidRulesException {
        RuleSet rules = TestRules.read("version: 1\n");

        assertThat(rules.mode()).isEqualTo(Mode.INJECT);
        assertThat(rules.seed()).isEmpty();
        assertThat(rules.recording()).isEqualTo(Recording.defaults());
        assertThat(rules.rules()).isEmpty();
    }

    @Test
    void emptySectionsAreAllowed() throws InvalidRulesException {
        RuleSet rules = TestRules.read("""
                version: 1
                record:
                rules:
                """);

        assertThat(rules.recording()).isEqualTo(Recording.defaults());
        assertThat(rules.rules()).isEmpty();
    }

    @Test
    void anEmptyRulesListIsAllowed() throws InvalidRulesException {
        assertThat(TestRules.read("version: 1\nrules: []\n").rules()).isEmpty();
    }

    @Test
    void aDelayAloneOnlySlowsTheConnect() throws InvalidRulesException {
        Fault fault = TestRules.read("""
                version: 1
                rules:
                  - name: slow
                    fault:
                      delay: 200ms
                """).rules().get(0).fault();

        assertThat(fault).isEqualTo(Fault.delay(DelayRange.fixed(Duration.ofMillis(200))));
    }

    @Test
    void integersMayBeWrittenInAnyYamlCoreForm() throws InvalidRulesException {
        RuleSet rules = TestRules.read("version: 0x1\nseed: 0o17\n");

        assertThat(rules.seed()).isEqualTo(OptionalLong.of(15));
    }

    private static byte[] fd00() {
        byte[] address = new byte[16];
        address[0] = (byte) 0xfd;
        return address;
    }
}
