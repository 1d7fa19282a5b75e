package dev.connject.agent.fault;

import dev.connject.agent.attempt.ConnectAttempt;
import dev.connject.agent.attempt.PendingFault;
import dev.connject.agent.attempt.Syscall;
import dev.connject.agent.hook.NativeCallLines;
import java.io.FileDescriptor;
import java.io.IOException;

/**
 * An errno that connect(2) did not return but that the application reads when it finishes the
 * connect: through {@code Net.pollConnectNow} or the asynchronous channel's {@code checkConnect},
 * as SO_ERROR. The socket was never connected, so it polls ready at once, as a socket that a
 * loopback peer refused does.
 */
final class DeliveredLater implements PendingFault {

    private final InjectedError error;
    private final NativeCallLines lines;

    DeliveredLater(InjectedError error, NativeCallLines lines) {
        this.error = error;
        this.lines = lines;
    }

    @Override
    public int poll(ConnectAttempt attempt, FileDescriptor fd) throws IOException {
        deliver(attempt);
        throw error.thrownBy("sun.nio.ch.Net", "pollConnect", lines.lineOf("sun/nio/ch/Net", "pollConnect"));
    }

    @Override
    public void checkConnect(ConnectAttempt attempt, int fdVal, SoErrorCheck kernel) throws IOException {
        deliver(attempt);
        throw error.thrownBy("sun.nio.ch.UnixAsynchronousSocketChannelImpl", "checkConnect", -1);
    }

    private void deliver(ConnectAttempt attempt) {
        attempt.fault(null);
        attempt.syscall(Syscall.SO_ERROR, error.name().name());
    }
}
