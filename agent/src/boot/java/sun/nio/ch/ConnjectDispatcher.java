package sun.nio.ch;

import java.io.FileDescriptor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.nio.file.Path;

/**
 * What the agent implements to receive the hooks of {@link ConnjectHooks}, one method each. An
 * abstract class defined inside {@code java.base}, so that the hooks call it directly and the JIT
 * inlines the call; the agent's subclass lives in connject's own class loader.
 */
public abstract class ConnjectDispatcher {

    public abstract void begin(int api, Object owner, SocketAddress remote, long timeoutMillis);

    public abstract void resume(Object owner);

    public abstract void returned(int outcome);

    public abstract void threw(Throwable thrown);

    public abstract void closed(Object owner);

    public abstract void timedOut(Object owner);

    public abstract int connect(ProtocolFamily family, FileDescriptor fd, InetAddress remote, int port)
            throws IOException;

    public abstract int connectUnix(FileDescriptor fd, Path path) throws IOException;

    public abstract void connectReturned(int result);

    public abstract void connectThrew(Throwable thrown);

    public abstract int poll(FileDescriptor fd) throws IOException;

    public abstract void pollReturned(int connected);

    public abstract void pollThrew(Throwable thrown);

    public abstract void localAddressRead(FileDescriptor fd, InetSocketAddress local);

    /** Must end in the native {@code checkConnect} unless a fault answers in its place. */
    public abstract void checkConnect(int fdVal) throws IOException;

    /** Must end in the native {@code disconnect0}. */
    public abstract void disconnect(FileDescriptor fd, boolean isIPv6) throws IOException;
}
