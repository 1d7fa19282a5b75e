package dev.connject.testkit.programs;

/**
 * Writes a numbered line 100,000 times to standard error, then to standard output: far more than a pipe
 * holds, so it finishes only if both streams are drained.
 */
public final class Flood {

    /** How many lines each stream gets. */
    public static final int LINES = 100_000;

    private Flood() {
    }

    public static void main(String[] args) {
        for (int i = 0; i < LINES; i++) {
            System.err.println("stderr line " + i);
        }
        for (int i = 0; i < LINES; i++) {
            System.out.println("stdout line " + i);
        }
    }
}
