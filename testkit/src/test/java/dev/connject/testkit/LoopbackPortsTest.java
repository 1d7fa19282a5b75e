package dev.connject.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** LoopbackPorts hands out ports on 127.0.0.1 that are free to bind, and that refuse connects. */
class LoopbackPortsTest {

    @Test
    void aFreePortCanBeBound() {
        int port = LoopbackPorts.freePort();

        assertThatCode(() -> new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close())
                .doesNotThrowAnyException();
    }

    @Test
    void aClosedPortRefusesConnects() {
        int port = LoopbackPorts.closedPort();

        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            }
        }).isInstanceOf(ConnectException.class).hasMessage("Connection refused");
    }
}
