package dev.connject.config;

import java.util.List;
import java.util.Set;

/**
 * The {@code match:} section. Every non-empty field must hold; within a field, any entry may.
 * An empty field places no constraint.
 */
public record Match(List<HostPattern> hosts, List<PortRange> ports, Set<Protocol> protocols,
                    List<Glob> paths, Set<Api> apis, List<Glob> callers, List<Glob> threads) {

    /** A match that every connect satisfies. */
    public static Match any() {
        return new Match(List.of(), List.of(), Set.of(), List.of(), Set.of(), List.of(), List.of());
    }

    public Match {
        hosts = List.copyOf(hosts);
        ports = List.copyOf(ports);
        protocols = Set.copyOf(protocols);
        paths = List.copyOf(paths);
        apis = Set.copyOf(apis);
        callers = List.copyOf(callers);
        threads = List.copyOf(threads);
    }
}
