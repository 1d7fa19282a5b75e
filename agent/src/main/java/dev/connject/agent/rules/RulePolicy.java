package dev.connject.agent.rules;

import dev.connject.agent.attempt.ConnectAttempt;
import dev.connject.agent.attempt.ConnectPolicy;
import sun.nio.ch.ConnjectHooks;
import java.io.FileDescriptor;
import java.net.InetAddress;
import java.net.ProtocolFamily;
import java.nio.file.Path;

/** The rules in force, compiled: decides at connect(2) whether a fault applies. */
public final class RulePolicy implements ConnectPolicy {

    private static final RulePolicy NONE = new RulePolicy();

    public static RulePolicy none() {
        return NONE;
    }

    @Override
    public int atConnect(ConnectAttempt attempt, ProtocolFamily family, FileDescriptor fd, InetAddress remote, int port) {
        return ConnjectHooks.PROCEED;
    }

    @Override
    public int atConnectUnix(ConnectAttempt attempt, FileDescriptor fd, Path path) {
        return ConnjectHooks.PROCEED;
    }
}
