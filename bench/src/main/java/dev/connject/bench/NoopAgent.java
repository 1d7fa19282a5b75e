package dev.connject.bench;

import java.lang.instrument.Instrumentation;

/** A Java agent that does nothing: what loading any agent costs, the floor under connject's own cost. */
public final class NoopAgent {

    private NoopAgent() {
    }

    public static void premain(String options, Instrumentation instrumentation) {
        // nothing: the cost measured is the JVM's own for having an agent at all
    }
}
