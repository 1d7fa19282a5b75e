package sun.nio.ch;

import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.util.function.Consumer;
import jdk.internal.access.SharedSecrets;
import jdk.internal.vm.annotation.DontInline;

/**
 * The JDK internals the agent uses, reached from inside {@code java.base}: direct calls where
 * the package allows them, reflection, resolved once, for the few private natives connject
 * stands in for. Nothing here resolves a name or allocates beyond what the JDK call does.
 */
public final class ConnjectJdk {

    private static final int IPPROTO_TCP = 6;

    private ConnjectJdk() {
    }

    /** The file descriptor number: the field itself, where {@code IOUtil.fdVal} would cross into native code for it. */
    public static int fdVal(FileDescriptor fd) {
        return SharedSecrets.getJavaIOFileDescriptorAccess().get(fd);
    }

    /** getsockname(2). */
    public static InetSocketAddress localAddress(FileDescriptor fd) throws IOException {
        return Net.localAddress(fd);
    }

    /** The host name the address was looked up by, or {@code null}: never a lookup itself. */
    public static String originalHostName(InetAddress address) {
        return SharedSecrets.getJavaNetInetAddressAccess().getOriginalHostName(address);
    }

    /** The IPv4 address as an int, without the copy {@code getAddress()} makes. */
    public static int ipv4(Inet4Address address) {
        return SharedSecrets.getJavaNetInetAddressAccess().addressValue(address);
    }

    /** The IPv6 address bytes, without a copy: not to be changed. */
    public static byte[] ipv6(Inet6Address address) {
        return SharedSecrets.getJavaNetInetAddressAccess().addressBytes(address);
    }

    /** connect(2) as {@code Net.connect} makes it, instrumented like any other call. */
    public static int connect(ProtocolFamily family, FileDescriptor fd, InetAddress remote, int port)
            throws IOException {
        return Net.connect(family, fd, remote, port);
    }

    /** poll(2) for POLLOUT, then SO_ERROR: the JDK's own completion check of a pending connect. */
    public static boolean pollConnect(FileDescriptor fd, long timeoutMillis) throws IOException {
        return Net.pollConnect(fd, timeoutMillis);
    }

    /** setsockopt(2) at level IPPROTO_TCP. */
    public static void setTcpOption(FileDescriptor fd, ProtocolFamily family, int option, int value)
            throws IOException {
        invoke(Natives.SET_INT_OPTION, fd, false, IPPROTO_TCP, option, value, family == StandardProtocolFamily.INET6);
    }

    /** The asynchronous channel's native SO_ERROR check. */
    public static void asyncCheckConnect(int fdVal) throws IOException {
        invoke(Natives.CHECK_CONNECT, fdVal);
    }

    /** strerror(3), as the JDK's file system code reads it. */
    public static String strerror(int errno) {
        try {
            return new String((byte[]) Natives.STRERROR.invoke(null, errno), java.nio.charset.StandardCharsets.UTF_8);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** dup(2): a second descriptor for the same socket, which keeps it alive until it too is closed. */
    public static int dup(int fdVal) throws IOException {
        try {
            return (int) Natives.DUP.invoke(null, fdVal);
        } catch (InvocationTargetException e) {
            throw rethrown(e);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** close(2) of a descriptor connject made with {@link #dup}. */
    public static void close(int fdVal) throws IOException {
        invoke(Natives.CLOSE, fdVal);
    }

    /**
     * connect(2) with AF_UNSPEC on a descriptor connject made with {@link #dup}: a pending TCP
     * connect ends at once, its socket reports ECONNRESET and may connect again.
     */
    public static void disconnect(int fdVal, ProtocolFamily family) throws IOException {
        invoke(Natives.DISCONNECT, IOUtil.newFD(fdVal), family == StandardProtocolFamily.INET6);
    }

    /** The datagram channel's native disconnect. */
    public static void datagramDisconnect(FileDescriptor fd, boolean isIPv6) throws IOException {
        invoke(Natives.DISCONNECT, fd, isIPv6);
    }

    /**
     * {@code action.accept(value)} in a compilation of its own, never inlined into its callers:
     * the JIT honours {@code @DontInline} only in the JDK's own classes.
     */
    @DontInline
    public static <T> void acceptOutOfLine(Consumer<T> action, T value) {
        action.accept(value);
    }

    private static void invoke(Method method, Object... arguments) throws IOException {
        try {
            method.invoke(null, arguments);
        } catch (InvocationTargetException e) {
            throw rethrown(e);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static IOException rethrown(InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IOException) {
            return (IOException) cause;
        }
        if (cause instanceof RuntimeException) {
            throw (RuntimeException) cause;
        }
        throw (Error) cause;
    }

    /** The private natives, resolved when first needed. */
    private static final class Natives {
        static final Method SET_INT_OPTION = find(Net.class, "setIntOption0",
                FileDescriptor.class, boolean.class, int.class, int.class, int.class, boolean.class);
        static final Method CHECK_CONNECT = find(UnixAsynchronousSocketChannelImpl.class, "checkConnect", int.class);
        static final Method DISCONNECT = find(DatagramChannelImpl.class, "disconnect0", FileDescriptor.class, boolean.class);
        static final Method DUP = find(InheritedChannel.class, "dup", int.class);
        static final Method CLOSE = find(InheritedChannel.class, "close0", int.class);
        static final Method STRERROR = find(forName("sun.nio.fs.UnixNativeDispatcher"), "strerror", int.class);

        private static Class<?> forName(String name) {
            try {
                return Class.forName(name);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }

        private static Method find(Class<?> owner, String name, Class<?>... parameters) {
            try {
                Method method = owner.getDeclaredMethod(name, parameters);
                method.setAccessible(true);
                return method;
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
