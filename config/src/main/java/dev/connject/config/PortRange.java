package dev.connject.config;

/** An inclusive range of ports; a single port is a range of one. */
public record PortRange(int from, int to) {
    public PortRange {
        if (from < 0 || to > 65535 || from > to) {
            throw new IllegalArgumentException("bad port range " + from + "-" + to);
        }
    }

    public boolean contains(int port) {
        return port >= from && port <= to;
    }
}
