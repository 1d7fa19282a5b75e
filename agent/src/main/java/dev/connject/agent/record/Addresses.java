package dev.connject.agent.record;

import java.net.Inet6Address;
import java.net.InetAddress;

/** Socket addresses as events show them: {@code 10.0.0.5:5432}, {@code [fd00::1]:5432}. */
final class Addresses {

    private Addresses() {
    }

    static String format(InetAddress address, int port) {
        String literal = address.getHostAddress();
        return address instanceof Inet6Address ? "[" + literal + "]:" + port : literal + ":" + port;
    }
}
