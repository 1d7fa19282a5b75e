package dev.connject.agent.rules;

import dev.connject.agent.attempt.ConnectAttempt;
import dev.connject.agent.fault.ArmedFault;
import dev.connject.agent.platform.PlatformErrnos;
import dev.connject.config.Api;
import dev.connject.config.Glob;
import dev.connject.config.Match;
import dev.connject.config.Protocol;
import dev.connject.config.Rule;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * One rule, compiled for the connect path: cheap tests first (protocol, API, host, thread) and
 * the calling stack, which costs a stack walk, only when everything else holds. Ports are not
 * tested here: {@link RulePolicy} only asks the rules that can match the port.
 */
final class CompiledRule {

    private static final StackWalker WALKER = StackWalker.getInstance();

    private final Rule rule;
    private final Set<Protocol> protocols;
    private final Set<Api> apis;
    private final HostMatcher hosts;
    private final boolean anyHost;
    private final GlobMatcher[] paths;
    private final GlobMatcher[] threads;
    private final GlobMatcher[] callers;
    private final WhenGate when;
    private volatile ArmedFault armed;

    CompiledRule(Rule rule, long loadedAtNanos, long seed, boolean seeded) {
        Match match = rule.match();
        this.rule = rule;
        this.protocols = match.protocols().isEmpty() ? EnumSet.allOf(Protocol.class) : EnumSet.copyOf(match.protocols());
        this.apis = match.apis().isEmpty() ? EnumSet.allOf(Api.class) : EnumSet.copyOf(match.apis());
        this.hosts = new HostMatcher(match.hosts());
        this.anyHost = match.hosts().isEmpty();
        this.paths = matchers(match.paths(), false);
        this.threads = matchers(match.threads(), false);
        this.callers = matchers(match.callers(), false);
        this.when = new WhenGate(rule.when(), loadedAtNanos, seed, seeded);
    }

    String name() {
        return rule.name();
    }

    Rule rule() {
        return rule;
    }

    WhenGate when() {
        return when;
    }

    /** Whether the rule's {@code match:} holds for the attempt, its port aside. */
    boolean matches(ConnectAttempt attempt) {
        if (!protocols.contains(attempt.protocol()) || !apis.contains(attempt.api())) {
            return false;
        }
        if (!anyHost && !hosts.matches(attempt.host(), attempt.address())) {
            return false;
        }
        if (paths.length > 0 && !any(paths, attempt.path())) {
            return false;
        }
        if (threads.length > 0 && !any(threads, attempt.threadName())) {
            return false;
        }
        return callers.length == 0 || WALKER.walk(frames -> frames.anyMatch(frame -> any(callers, frame.getClassName())));
    }

    /** The fault, its errno resolved to this platform's on first use. */
    ArmedFault fault() {
        ArmedFault fault = armed;
        if (fault == null) {
            fault = ArmedFault.arm(rule.fault(), PlatformErrnos::get);
            armed = fault;
        }
        return fault;
    }

    boolean hasPortConstraint() {
        return !rule.match().ports().isEmpty();
    }

    /** Whether a connect without a port, to a UNIX-domain socket, can match. */
    boolean canMatchUnix() {
        return !hasPortConstraint() && protocols.contains(Protocol.UNIX);
    }

    private static boolean any(GlobMatcher[] globs, String text) {
        for (GlobMatcher glob : globs) {
            if (glob.matches(text)) {
                return true;
            }
        }
        return false;
    }

    private static GlobMatcher[] matchers(List<Glob> globs, boolean ignoreCase) {
        GlobMatcher[] matchers = new GlobMatcher[globs.size()];
        for (int i = 0; i < matchers.length; i++) {
            matchers[i] = new GlobMatcher(globs.get(i), ignoreCase);
        }
        return matchers;
    }
}
