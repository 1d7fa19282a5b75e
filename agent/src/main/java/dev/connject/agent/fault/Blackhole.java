package dev.connject.agent.fault;

import dev.connject.agent.attempt.AttemptTracker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback address that never answers: a listening socket whose accept queue connject fills and
 * never empties, so the kernel drops every further SYN to it. A connect sent there waits as one to
 * a dropped port does, in the kernel, with no thread of connject's involved, until its own timeout,
 * the kernel's SYN retries, or TCP_USER_TIMEOUT ends it.
 *
 * <p>Made on first use; its sockets are connject's own and never recorded.
 */
final class Blackhole {

    /**
     * Time a probe connect to the listener must stay unanswered to show its queue is full: a
     * loopback SYN is answered within microseconds when there is room.
     */
    private static final long PROBE_MILLIS = 20;
    private static final int MAX_FILLERS = 64;

    private final AttemptTracker tracker;
    private volatile InetSocketAddress address;
    private final List<java.io.Closeable> held = new ArrayList<>();

    Blackhole(AttemptTracker tracker) {
        this.tracker = tracker;
    }

    /** The address; the listener is made and filled the first time. */
    InetSocketAddress address() throws IOException {
        InetSocketAddress known = address;
        if (known == null) {
            synchronized (this) {
                known = address;
                if (known == null) {
                    // not this::open: it is made ready at the JVM's start, where a lambda costs the generation of a class
                    known = tracker.internally(new AttemptTracker.InternalAction<InetSocketAddress, IOException>() {
                        @Override
                        public InetSocketAddress run() throws IOException {
                            return open();
                        }
                    });
                    address = known;
                }
            }
        }
        return known;
    }

    private InetSocketAddress open() throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open();
        held.add(listener);
        listener.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 1);
        InetSocketAddress target = (InetSocketAddress) listener.getLocalAddress();
        for (int i = 0; i < MAX_FILLERS; i++) {
            SocketChannel probe = SocketChannel.open();
            probe.configureBlocking(false);
            if (!probe.connect(target) && !answered(probe)) {
                probe.close();
                return target;
            }
            held.add(probe);
        }
        throw new IOException("the kernel kept accepting connections on " + target + "; no blackhole");
    }

    /** Whether the listener answered the probe's SYN within the probe time. */
    private static boolean answered(SocketChannel probe) throws IOException {
        try (Selector selector = Selector.open()) {
            probe.register(selector, SelectionKey.OP_CONNECT);
            return selector.select(PROBE_MILLIS) > 0 && probe.finishConnect();
        }
    }

    /** Closes the listener and its fillers. */
    synchronized void close() {
        for (java.io.Closeable socket : held) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing connject's own sockets at detach; nothing depends on it
            }
        }
        held.clear();
        address = null;
    }
}
