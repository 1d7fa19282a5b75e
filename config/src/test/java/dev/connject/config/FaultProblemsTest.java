package dev.connject.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FaultProblemsTest {

    private static String fault(String body) {
        return "version: 1\nrules:\n  - name: r\n    fault:\n" + body.indent(6);
    }

    @Test
    void anUnknownErrnoNamesEveryAllowedErrno() {
        assertThat(TestRules.problemsIn(fault("errno: EFOO"))).containsExactly("5:14: unknown errno 'EFOO'; "
                + "expected one of: EACCES, EPERM, EADDRINUSE, EADDRNOTAVAIL, EAFNOSUPPORT, EAGAIN, EALREADY, EBADF, "
                + "ECONNREFUSED, EFAULT, EINPROGRESS, EINTR, EISCONN, ENETUNREACH, ENOTSOCK, EPROTOTYPE, ETIMEDOUT, "
                + "EHOSTUNREACH, ECONNRESET, ENOENT");
    }

    @Test
    void anErrnoInLowerCaseSuggestsTheRealName() {
        assertThat(TestRules.problemsIn(fault("errno: econnrefused")))
                .containsExactly("5:14: unknown errno 'econnrefused' (did you mean 'ECONNREFUSED'?)");
    }

    @Test
    void anUnknownDeliveryNamesTheDeliveries() {
        assertThat(TestRules.problemsIn(fault("errno: ECONNREFUSED\ndelivery: later")))
                .containsExactly("6:17: unknown delivery 'later'; expected one of: auto, sync, async");
    }

    @Test
    void errnoAndTimeoutExcludeEachOther() {
        assertThat(TestRules.problemsIn(fault("errno: ECONNREFUSED\ntimeout: 30s")))
                .containsExactly("6:16: 'errno' and 'timeout' exclude each other: a blackhole never answers");
    }

    @Test
    void delayAndTimeoutExcludeEachOther() {
        assertThat(TestRules.problemsIn(fault("timeout: 30s\ndelay: 1s")))
                .containsExactly("6:14: 'delay' has no effect with 'timeout': a blackhole never answers");
    }

    @Test
    void aFaultNeedsErrnoTimeoutOrDelay() {
        assertThat(TestRules.problemsIn(fault("delivery: sync"))).containsExactly(
                "5:7: a fault needs 'errno', 'timeout' or 'delay'",
                "5:17: 'delivery' applies only to an 'errno'");
    }

    @Test
    void deliveryAppliesOnlyToAnErrno() {
        assertThat(TestRules.problemsIn(fault("timeout: 30s\ndelivery: sync")))
                .containsExactly("6:17: 'delivery' applies only to an 'errno'");
    }

    @Test
    void aFaultMustBeAMapping() {
        assertThat(TestRules.problemsIn("version: 1\nrules:\n  - name: r\n    fault: ECONNREFUSED\n"))
                .containsExactly("4:12: 'fault' must be a mapping with errno, timeout or delay, not a string");
    }

    @Test
    void anEmptyFaultIsAMappingWithNothingInIt() {
        assertThat(TestRules.problemsIn("version: 1\nrules:\n  - name: r\n    fault:\n"))
                .containsExactly("4:11: 'fault' must be a mapping with errno, timeout or delay, not an empty value");
    }

    @Test
    void aTimeoutNeedsAUnit() {
        assertThat(TestRules.problemsIn(fault("timeout: 30")))
                .containsExactly("5:16: duration '30' needs a unit: 30ms, 30s, 30m or 30h");
    }

    @Test
    void aTimeoutMustBeLongerThanZero() {
        assertThat(TestRules.problemsIn(fault("timeout: 0s")))
                .containsExactly("5:16: 'timeout' must be longer than 0");
    }

    @Test
    void aBadDurationSaysHowToWriteOne() {
        assertThat(TestRules.problemsIn(fault("timeout: 1.5s")))
                .containsExactly("5:16: bad duration '1.5s'; write a whole number and a unit: 250ms, 2s, 5m or 1h");
    }

    @Test
    void aDelayRangeNeedsTwoDurations() {
        assertThat(TestRules.problemsIn(fault("delay: 100ms-")))
                .containsExactly("5:14: bad delay range '100ms-'; write two durations joined by '-', such as 100ms-500ms");
    }

    @Test
    void aDelayRangeMustNotBeReversed() {
        assertThat(TestRules.problemsIn(fault("delay: 500ms-100ms")))
                .containsExactly("5:14: delay range '500ms-100ms' is reversed; write the shorter delay first");
    }

    @Test
    void aDurationMustNotBeAList() {
        assertThat(TestRules.problemsIn(fault("delay: [1s, 2s]")))
                .containsExactly("5:14: 'delay' must be a duration such as 250ms or 2s, not a list");
    }
}
