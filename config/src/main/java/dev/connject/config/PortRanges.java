package dev.connject.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one entry of {@code match.port}: a port such as {@code 5432}, or a range such as {@code 8000-8999}. */
final class PortRanges {
    private static final Pattern RANGE = Pattern.compile("([0-9]{1,9})(?:-([0-9]{1,9}))?");
    private static final int HIGHEST = 65535;

    private PortRanges() {
    }

    /**
     * The range {@code text} denotes. Port 0 is refused: it asks the kernel to pick a port when
     * binding, and is never the destination of a connect.
     *
     * @throws IllegalArgumentException with a message fit to show the user
     */
    static PortRange parse(String text) {
        Matcher matcher = RANGE.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("bad port '" + text
                    + "'; write a port such as 5432 or a range such as 8000-8999");
        }
        int from = port(matcher.group(1));
        int to = matcher.group(2) == null ? from : port(matcher.group(2));
        if (from > to) {
            throw new IllegalArgumentException("port range '" + text + "' is reversed; write the lower port first");
        }
        return new PortRange(from, to);
    }

    private static int port(String digits) {
        int port = Integer.parseInt(digits);
        if (port == 0) {
            throw new IllegalArgumentException("port 0 is not a destination port; use 1 to " + HIGHEST);
        }
        if (port > HIGHEST) {
            throw new IllegalArgumentException("port " + port + " is out of range; use 1 to " + HIGHEST);
        }
        return port;
    }
}
