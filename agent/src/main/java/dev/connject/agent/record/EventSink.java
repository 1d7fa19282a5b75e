package dev.connject.agent.record;

import java.io.IOException;

/** Where finished attempts go. Runs only on the recorder's thread, so it may block on I/O. */
interface EventSink {

    void accept(ConnectEvent event) throws IOException;

    /** Called when the ring has been drained: what is buffered should reach its destination now. */
    default void flush() throws IOException {
    }

    default void close() throws IOException {
    }

    /** How status and messages name this sink. */
    String name();
}
