package dev.connject.bench;

/** A trivial application for start-up measurements: it starts and ends. */
public final class Trivial {

    private Trivial() {
    }

    public static void main(String[] arguments) {
        // nothing to do: the JVM's start and exit are what is measured
    }
}
