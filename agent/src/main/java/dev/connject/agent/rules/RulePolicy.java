package dev.connject.agent.rules;

import dev.connject.agent.attempt.ConnectAttempt;
import dev.connject.agent.attempt.ConnectPolicy;
import dev.connject.agent.fault.FaultInjector;
import dev.connject.config.Mode;
import dev.connject.config.PortRange;
import dev.connject.config.Rule;
import dev.connject.config.RuleSet;
import java.io.FileDescriptor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ProtocolFamily;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import sun.nio.ch.ConnjectHooks;

/**
 * The rules in force, compiled once per load: decides at connect(2) which rule, if any, acts, and
 * has the {@link FaultInjector} apply its fault. For each port it keeps the rules that can match
 * it, in file order, so a port no rule names costs one array read.
 */
public final class RulePolicy implements ConnectPolicy {

    private static final int PORTS = 65536;

    private final Mode mode;
    private final List<CompiledRule> rules;
    private final CompiledRule[][] byPort;
    private final CompiledRule[] forUnix;
    private final FaultInjector injector;

    private RulePolicy(Mode mode, List<CompiledRule> rules, FaultInjector injector) {
        this.mode = mode;
        this.rules = List.copyOf(rules);
        this.byPort = indexByPort(this.rules);
        this.forUnix = forUnix(this.rules);
        this.injector = injector;
    }

    /** Compiles the rule set; counting starts now. */
    public static RulePolicy compile(RuleSet ruleSet, FaultInjector injector) {
        long loadedAt = System.nanoTime();
        List<CompiledRule> compiled = new ArrayList<>();
        List<Rule> rules = ruleSet.rules();
        for (int i = 0; i < rules.size(); i++) {
            long seed = ruleSet.seed().orElse(0) ^ (i + 1) * 0xC2B2AE3D27D4EB4FL;
            compiled.add(new CompiledRule(rules.get(i), loadedAt, seed, ruleSet.seed().isPresent()));
        }
        return new RulePolicy(ruleSet.mode(), compiled, injector);
    }

    /** The same rules and counters in another mode. */
    public RulePolicy withMode(Mode newMode) {
        return new RulePolicy(newMode, rules, injector);
    }

    public Mode mode() {
        return mode;
    }

    @Override
    public int atConnect(ConnectAttempt attempt, ProtocolFamily family, FileDescriptor fd, InetAddress remote, int port)
            throws IOException {
        if (mode == Mode.OFF || attempt.isDisconnect() || port < 0 || port >= PORTS) {
            return ConnjectHooks.PROCEED;
        }
        CompiledRule rule = decide(byPort[port], attempt);
        if (rule == null || mode == Mode.DRY_RUN) {
            return ConnjectHooks.PROCEED;
        }
        return injector.atConnect(attempt, rule.fault(), family, fd, remote, port);
    }

    @Override
    public int atConnectUnix(ConnectAttempt attempt, FileDescriptor fd, Path path) throws IOException {
        if (mode == Mode.OFF) {
            return ConnjectHooks.PROCEED;
        }
        CompiledRule rule = decide(forUnix, attempt);
        if (rule == null || mode == Mode.DRY_RUN) {
            return ConnjectHooks.PROCEED;
        }
        return injector.atConnectUnix(attempt, rule.fault());
    }

    /** Of the candidates ({@code null}: none), the first whose match and when both hold, marked on the attempt; or {@code null}. */
    private CompiledRule decide(CompiledRule[] candidates, ConnectAttempt attempt) {
        if (candidates == null) {
            return null;
        }
        long now = System.nanoTime();
        for (CompiledRule rule : candidates) {
            if (rule.matches(attempt) && rule.when().admits(now)) {
                attempt.decidedBy(rule.name(), mode == Mode.DRY_RUN);
                return rule;
            }
        }
        return null;
    }

    /** Per rule, in file order: connects it matched while active, and connects it acted on. */
    public Map<String, long[]> counts() {
        Map<String, long[]> counts = new LinkedHashMap<>();
        for (CompiledRule rule : rules) {
            counts.put(rule.name(), new long[] {rule.when().matched(), rule.when().acted()});
        }
        return counts;
    }

    /**
     * For each port, the rules that can match it, or {@code null} for none. Rules change only at the
     * ends of their ranges, so ports between two consecutive ends share one array; ports no rule can
     * match are left alone, so that a file with few rules is indexed without a pass over every port.
     */
    private static CompiledRule[][] indexByPort(List<CompiledRule> rules) {
        CompiledRule[][] index = new CompiledRule[PORTS][];
        TreeSet<Integer> starts = new TreeSet<>(List.of(0));
        for (CompiledRule rule : rules) {
            for (PortRange range : rule.rule().match().ports()) {
                starts.add(range.from());
                if (range.to() + 1 < PORTS) {
                    starts.add(range.to() + 1);
                }
            }
        }
        List<Integer> bounds = new ArrayList<>(starts);
        for (int b = 0; b < bounds.size(); b++) {
            int from = bounds.get(b);
            int to = b + 1 < bounds.size() ? bounds.get(b + 1) - 1 : PORTS - 1;
            CompiledRule[] candidates = candidatesFor(rules, from);
            if (candidates != null) {
                Arrays.fill(index, from, to + 1, candidates);
            }
        }
        return index;
    }

    /*
     * Compiling runs in the application's start: plain loops here, as streams and lambdas would
     * each have the JVM generate classes first.
     */
    private static CompiledRule[] candidatesFor(List<CompiledRule> rules, int port) {
        List<CompiledRule> candidates = new ArrayList<>();
        for (CompiledRule rule : rules) {
            if (!rule.hasPortConstraint() || namesPort(rule, port)) {
                candidates.add(rule);
            }
        }
        return candidates.isEmpty() ? null : candidates.toArray(new CompiledRule[0]);
    }

    private static boolean namesPort(CompiledRule rule, int port) {
        for (PortRange range : rule.rule().match().ports()) {
            if (range.contains(port)) {
                return true;
            }
        }
        return false;
    }

    private static CompiledRule[] forUnix(List<CompiledRule> rules) {
        List<CompiledRule> unix = new ArrayList<>();
        for (CompiledRule rule : rules) {
            if (rule.canMatchUnix()) {
                unix.add(rule);
            }
        }
        return unix.isEmpty() ? null : unix.toArray(new CompiledRule[0]);
    }
}
