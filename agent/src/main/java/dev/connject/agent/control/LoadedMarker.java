package dev.connject.agent.control;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;

/**
 * A sign, readable from outside without attaching, that connject runs in this JVM: an open file
 * named {@value #PREFIX}... whose directory entry is removed at once. {@code connject list} finds
 * it among {@code /proc/PID/fd}; nothing is left on disk, and detaching closes it.
 */
final class LoadedMarker {

    static final String PREFIX = "connject-agent-loaded-";

    private final RandomAccessFile file;

    private LoadedMarker(RandomAccessFile file) {
        this.file = file;
    }

    /**
     * Opens the marker; where no temporary file can be made, there is none, and nothing else
     * changes. The name is made from the clock rather than by {@code File.createTempFile}, whose
     * SecureRandom costs the application's start-up tens of milliseconds; the exclusive create
     * refuses any name that exists already, and another is tried.
     */
    static LoadedMarker open() {
        File directory = new File(System.getProperty("java.io.tmpdir"));
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                File marker = new File(directory, PREFIX + System.nanoTime() + ".marker");
                if (marker.createNewFile()) {
                    RandomAccessFile open = new RandomAccessFile(marker, "r");
                    marker.delete();
                    return new LoadedMarker(open);
                }
            } catch (IOException | SecurityException noTemporaryFiles) {
                break;
            }
        }
        return new LoadedMarker(null);
    }

    void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException ignored) {
                // the descriptor is gone either way
            }
        }
    }
}
