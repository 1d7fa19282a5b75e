package dev.connject.agent.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** connject writes an address's text itself, and must write what {@code getHostAddress()} does. */
class AddressesTest {

    @Test
    void writesAddressesAsGetHostAddressDoes() throws UnknownHostException {
        for (String literal : List.of("0.0.0.0", "10.0.0.5", "127.0.0.1", "255.255.255.255", "::", "::1",
                "fd00::1", "fe80::fc:ff:fe00:1", "2001:db8:0:f00:1:0:0:1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")) {
            InetAddress address = InetAddress.getByName(literal);
            assertThat(Addresses.format(address, 5432)).as(literal).isEqualTo(expected(address, 5432));
            assertThat(Addresses.format(address, 0)).as(literal).isEqualTo(expected(address, 0));
            assertThat(Addresses.format(address, 65535)).as(literal).isEqualTo(expected(address, 65535));
        }
    }

    @Test
    void writesTheScopeNumberOfAScopedAddress() throws UnknownHostException {
        byte[] linkLocal = InetAddress.getByName("fe80::1").getAddress();
        for (int scope : new int[] {1, 9, 10, Integer.MAX_VALUE}) {
            Inet6Address scoped = Inet6Address.getByAddress(null, linkLocal, scope);
            assertThat(Addresses.format(scoped, 80)).isEqualTo(expected(scoped, 80))
                    .isEqualTo("[fe80:0:0:0:0:0:0:1%" + scope + "]:80");
        }
    }

    /** Java scopes the IPv6 addresses of its interfaces by the interface's name: {@code ::1%lo}. */
    @Test
    void writesTheAddressesOfThisMachinesInterfacesAsGetHostAddressDoes() throws SocketException {
        List<InetAddress> addresses = NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses).collect(Collectors.toList());
        assertThat(addresses).isNotEmpty();
        for (InetAddress address : addresses) {
            assertThat(Addresses.format(address, 443)).isEqualTo(expected(address, 443));
        }
    }

    @Test
    void writesIntoALineAtAnyPositionAndSaysWhereItEnds() throws UnknownHostException {
        byte[] line = new byte[3 + Addresses.MAX_LENGTH];
        line[0] = 'x';
        int end = Addresses.write(InetAddress.getByName("192.168.100.200"), 8080, line, 1);
        assertThat(new String(line, 0, end, java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("x192.168.100.200:8080");
    }

    private static String expected(InetAddress address, int port) {
        return address instanceof Inet6Address ? "[" + address.getHostAddress() + "]:" + port
                : address.getHostAddress() + ":" + port;
    }
}
