package dev.connject.testkit;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The captured strace outputs under {@code src/test/resources/strace}; its README tells how each was made. */
final class StraceSamples {

    private StraceSamples() {
    }

    /** The sample named {@code name}, read. */
    static StraceLog read(String name) {
        URL sample = StraceSamples.class.getResource("/strace/" + name);
        if (sample == null) {
            throw new IllegalArgumentException("no strace sample " + name);
        }
        try {
            return StraceLog.read(Path.of(sample.toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("no file for " + sample, e);
        }
    }

    /** A connect that returned 0. */
    static StraceCall connected(int tid, int fd, String address) {
        return new StraceCall(tid, StraceCall.CONNECT, fd, address, 0, null, null, false);
    }

    /** A connect that failed with {@code errno}. */
    static StraceCall connectFailed(int tid, int fd, String address, String errno) {
        return new StraceCall(tid, StraceCall.CONNECT, fd, address, -1, errno, null, false);
    }

    /** A read of SO_ERROR that found {@code soError}. */
    static StraceCall soError(int tid, int fd, String soError) {
        return new StraceCall(tid, StraceCall.GETSOCKOPT, fd, null, 0, null, soError, false);
    }
}
