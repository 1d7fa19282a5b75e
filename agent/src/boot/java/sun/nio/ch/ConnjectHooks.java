package sun.nio.ch;

import java.io.FileDescriptor;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The only connject code the JDK's own classes call: each instrumented JDK method calls one of
 * these static methods. The agent defines this class inside {@code java.base}, in the package of
 * the classes it instruments, so they reach it without new module edges and without appending to
 * the boot class path.
 *
 * <p>Each hook forwards to the {@link ConnjectDispatcher} the agent installed, and does nothing
 * when none is (before start, after detach). Fail open: a hook lets through only the
 * {@link IOException}s that the dispatcher throws on purpose, the errno an injected fault
 * delivers; anything else is swallowed and the JDK code runs as if connject were not there.
 */
public final class ConnjectHooks {

    /** Returned by an entry hook when the JDK method should run as usual. */
    public static final int PROCEED = Integer.MIN_VALUE;

    /** What a connecting API method's normal return means. */
    public static final int PENDING = 0;
    public static final int CONNECTED = 1;
    public static final int SEE_SYSCALLS = 2;

    /** Which JDK API a connect goes through. */
    public static final int API_SOCKET = 0;
    public static final int API_CHANNEL = 1;
    public static final int API_ASYNC = 2;
    public static final int API_DATAGRAM = 3;
    /** A channel's {@code socket().connect(address, timeout)}: the channel API on a non-blocking descriptor. */
    public static final int API_CHANNEL_TIMED = 4;

    /** The installed dispatcher, or {@code null}. */
    public static volatile ConnjectDispatcher dispatcher;

    /**
     * Takes the options of a later attach while an agent runs; {@code null} otherwise. A JDK type,
     * so that a later start of the agent, in a class loader of its own, can call it.
     */
    public static volatile Consumer<String> control;

    /**
     * Told each time the platform MBean server is handed out, by the JDK's management agent as
     * JConsole or connject's injector connects, or to the application; {@code null} while no agent
     * runs. connject's MBean joins the server then, rather than bring JMX up in every JVM.
     */
    public static volatile Runnable mbeanServerHandedOut;

    private ConnjectHooks() {
    }

    /** A connecting API method starts: which API, on which object, to where ({@code null}: a datagram disconnect), with what timeout. */
    public static void begin(int api, Object owner, SocketAddress remote, long timeoutMillis) {
        ConnjectDispatcher d = dispatcher;
        if (d != null) {
            try {
                d.begin(api, owner, remote, timeoutMillis);
            } catch (Throwable ignored) {
                // fail open
            }
        }
    }

    /** {@code ManagementFactory.getPlatformMBeanServer()} returned. */
    public static void platformMBeanServer() {
        Runnable r = mbeanServerHandedOut;
        if (r != null) {
            try {
                r.run();
            } catch (Throwable ignored) {
                // fail open
            }
        }
    }

    /** A method that completes an earlier connect of {@code owner} starts. */
    public static void resume(Object owner) {
        ConnjectDispatcher d = dispatcher;
        if (d != null) {
            try {
                d.resume(owner);
            } catch (Throwable ignored) {
                // fail open
            }
        }
    }

    /** The connecting API method returned; {@code outcome} is {@link #PENDING}, {@link #CONNECTED} or {@link #SEE_SYSCALLS}. */
    public static void returned(int outcome) {
        ConnjectDispatcher d = dispatcher;
        if (d != null) {
            try {
                d.returned(outcome);
            } catch (Throwable ignored) {
                // fail open
            }
        }
    }

    /** The connecting API method threw. */
    public static void threw(Throwable thrown) {
        ConnjectDispatcher d = dispatcher;
        if (d != null) {
            try {
                d.threw(thrown);
            } catch (Throwable ignored) {
                // fail open
            }
        }
    }

    /** A channel is being closed, perhaps with a connect still pending. */
    public static void closed(Object owner) {
        ConnjectDispatcher d = dispatcher;
        if (d != null) {
            try {
                d.closed(owner);
            } catch (Throwable ignored) {
                // fail open
            }
        }
    }

    /** The application's own connect deadline for {@code owner}'s pending connect passed. */
    public static void timedOut(Object owner) {
        ConnjectDispatcher d = dispatcher;
        if (d != null) {
            try {
                d.timedOut(owner);
            } catch (Throwable ignored) {
                // fail open
            }
        }
    }

    /** {@code Net#connect} is about to call connect(2): {@link #PROCEED}, or the value to return instead. */
    public static int connect(ProtocolFamily family, FileDescriptor fd, InetAddress remote, int port) throws IOException {
        ConnjectDispatcher d = dispatcher;
        if (d != null) {
            try {
                return d.connect(family, fd, remote, port);
            } catch (IOException injected) {
                throw injected;
            } catch (Throwable ignored) {
                // fail open
            }
        }
        return PROCEED;
    }

    /** {@code UnixDomainSockets#connect} is about to call connect(2). */
    public static int connectUnix(FileDescriptor fd, Path path) throws IOException {
        ConnjectDispatcher d = dispatcher;
        if (d != null) {
            try {
                return d.connectUnix(fd, path);
            } catch (IOException injected) {
                throw injected;
            } catch (Throwable ignored) {
                // fail open
            }
        }
        return PROCEED;
    }

    /** connect(2) answered: 1 connected, -2 EINPROGRESS, -3 EINTR. */
    public static void connectReturned(int result) {
        ConnjectDispatcher d = dispatcher;
        if (d != null) {
            try {
                d.connectReturned(result);
            } catch (Throwable ignored) {
                // fail open
            }
        }
    }

    /** connect(2) failed; the JDK turned its errno into {@code thrown}. */
    public static void connectThrew(Throwable thrown) {
        ConnjectDispatcher d = dispatcher;
        if (d != null) {
            try {
                d.connectThrew(thrown);
            } catch (Throwable ignored) {
                // fail open
            }
        }
    }

    /** {@code Net#pollConnectNow} is about to poll and read SO_ERROR: {@link #PROCEED}, or 0/1 to return instead. */
    public static int pollConnect(FileDescriptor fd) throws IOException {
        ConnjectDispatcher d = dispatcher;
        if (d != null) {
            try {
                return d.poll(fd);
            } catch (IOException injected) {
                throw injected;
            } catch (Throwable ignored) {
                // fail open
            }
        }
        return PROCEED;
    }

    /** The poll answered: 1 connected, 0 not yet. */
    public static void pollReturned(int connected) {
        ConnjectDispatcher d = dispatcher;
        if (d != null) {
            try {
                d.pollReturned(connected);
            } catch (Throwable ignored) {
                // fail open
            }
        }
    }

    /** SO_ERROR held an error; the JDK turned it into {@code thrown}. */
    public static void pollThrew(Throwable thrown) {
        ConnjectDispatcher d = dispatcher;
        if (d != null) {
            try {
                d.pollThrew(thrown);
            } catch (Throwable ignored) {
                // fail open
            }
        }
    }

    /** {@code Net#localAddress} answered getsockname(2) for {@code fd}, as the JDK asks right after a connect. */
    public static void localAddressRead(FileDescriptor fd, InetSocketAddress local) {
        ConnjectDispatcher d = dispatcher;
        if (d != null) {
            try {
                d.localAddressRead(fd, local);
            } catch (Throwable ignored) {
                // fail open
            }
        }
    }

    /**
     * Stands in for the asynchronous channel's native {@code checkConnect(int)}, which reads
     * SO_ERROR: its failure never leaves the JDK's {@code finishConnect}, so the call itself is the
     * only place to see and shape it. Without a dispatcher it is the native method.
     */
    public static void checkConnect(int fdVal) throws IOException {
        ConnjectDispatcher d = dispatcher;
        if (d != null) {
            d.checkConnect(fdVal);
        } else {
            ConnjectJdk.asyncCheckConnect(fdVal);
        }
    }

    /** Stands in for the datagram channel's native {@code disconnect0}: connect(2) with AF_UNSPEC. */
    public static void disconnect(FileDescriptor fd, boolean isIPv6) throws IOException {
        ConnjectDispatcher d = dispatcher;
        if (d != null) {
            d.disconnect(fd, isIPv6);
        } else {
            ConnjectJdk.datagramDisconnect(fd, isIPv6);
        }
    }
}
