package dev.connject.agent.attempt;

import java.io.FileDescriptor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ProtocolFamily;
import java.nio.file.Path;
import sun.nio.ch.ConnjectHooks;

/**
 * What happens to a connect when it reaches connect(2): the rules decide, a fault is applied.
 * An implementation records in the attempt every system call it makes or stands in for.
 */
public interface ConnectPolicy {

    /** Lets every connect through; the policy before any rules are compiled. */
    ConnectPolicy NONE = new ConnectPolicy() {
        @Override
        public int atConnect(ConnectAttempt attempt, ProtocolFamily family, FileDescriptor fd, InetAddress remote,
                             int port) {
            return ConnjectHooks.PROCEED;
        }

        @Override
        public int atConnectUnix(ConnectAttempt attempt, FileDescriptor fd, Path path) {
            return ConnjectHooks.PROCEED;
        }
    };

    /**
     * Returns {@code ConnjectHooks.PROCEED} to let {@code Net.connect} call connect(2), or the value
     * {@code Net.connect} returns instead; throws the error an injected fault makes the
     * application see.
     */
    int atConnect(ConnectAttempt attempt, ProtocolFamily family, FileDescriptor fd, InetAddress remote, int port)
            throws IOException;

    /** As {@link #atConnect}, for a UNIX-domain socket. */
    int atConnectUnix(ConnectAttempt attempt, FileDescriptor fd, Path path) throws IOException;
}
