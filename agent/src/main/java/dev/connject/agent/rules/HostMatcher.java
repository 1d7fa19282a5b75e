package dev.connject.agent.rules;

import dev.connject.config.Glob;
import dev.connject.config.HostPattern;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import sun.nio.ch.ConnjectJdk;

/**
 * {@code match.host}: names are compared with the host name the application asked for, blocks
 * with the address connect(2) was given. Reads the address without copying it and never looks a
 * name up.
 */
final class HostMatcher {

    private final GlobMatcher[] names;
    private final int[] v4Networks;
    private final int[] v4Masks;
    private final byte[][] v6Networks;
    private final int[] v6Prefixes;

    HostMatcher(List<HostPattern> patterns) {
        List<GlobMatcher> nameList = new ArrayList<>();
        List<HostPattern.ForCidr> v4 = new ArrayList<>();
        List<HostPattern.ForCidr> v6 = new ArrayList<>();
        for (HostPattern pattern : patterns) {
            if (pattern instanceof HostPattern.ForName) {
                Glob glob = ((HostPattern.ForName) pattern).glob();
                nameList.add(new GlobMatcher(glob, true));
            } else {
                HostPattern.ForCidr cidr = (HostPattern.ForCidr) pattern;
                (cidr.address().length == 4 ? v4 : v6).add(cidr);
            }
        }
        names = nameList.toArray(new GlobMatcher[0]);
        v4Networks = new int[v4.size()];
        v4Masks = new int[v4.size()];
        for (int i = 0; i < v4.size(); i++) {
            byte[] bytes = v4.get(i).address();
            v4Networks[i] = (bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | (bytes[3] & 0xff);
            int prefix = v4.get(i).prefixLength();
            v4Masks[i] = prefix == 0 ? 0 : -1 << (32 - prefix);
        }
        v6Networks = new byte[v6.size()][];
        v6Prefixes = new int[v6.size()];
        for (int i = 0; i < v6.size(); i++) {
            v6Networks[i] = v6.get(i).address();
            v6Prefixes[i] = v6.get(i).prefixLength();
        }
    }

    boolean matches(String host, InetAddress address) {
        for (GlobMatcher name : names) {
            if (name.matches(host)) {
                return true;
            }
        }
        if (address instanceof Inet4Address && v4Networks.length > 0) {
            int value = ConnjectJdk.ipv4((Inet4Address) address);
            for (int i = 0; i < v4Networks.length; i++) {
                if ((value & v4Masks[i]) == v4Networks[i]) {
                    return true;
                }
            }
        } else if (address instanceof Inet6Address && v6Networks.length > 0) {
            byte[] value = ConnjectJdk.ipv6((Inet6Address) address);
            for (int i = 0; i < v6Networks.length; i++) {
                if (inPrefix(value, v6Networks[i], v6Prefixes[i])) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean inPrefix(byte[] address, byte[] network, int prefix) {
        int fullBytes = prefix / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (address[fullBytes] & mask) == (network[fullBytes] & mask);
    }
}
