package dev.connject.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One output stream of a child process, read to its end on a daemon thread from the start: a child
 * whose pipe nobody drains blocks as soon as the pipe buffer is full.
 */
final class CapturedOutput {

    /**
     * Children write in the platform's encoding, whatever the default charset of the JDK running the
     * tests (UTF-8 since JDK 18).
     */
    private static final Charset CHILD_CHARSET = Charset.forName(System.getProperty("native.encoding"));

    private final StringBuilder text = new StringBuilder();
    private final List<String> lines = new ArrayList<>();
    private int unfinishedLineStart;
    private boolean ended;

    private CapturedOutput() {
    }

    /** Starts reading {@code stream} to its end; {@code name} names the reading thread. */
    static CapturedOutput of(InputStream stream, String name) {
        CapturedOutput output = new CapturedOutput();
        Thread reader = new Thread(() -> output.readToEnd(stream), name);
        reader.setDaemon(true);
        reader.start();
        return output;
    }

    private void readToEnd(InputStream stream) {
        try (Reader reader = new InputStreamReader(stream, CHILD_CHARSET)) {
            char[] buffer = new char[8192];
            for (int count = reader.read(buffer); count >= 0; count = reader.read(buffer)) {
                append(buffer, count);
            }
        } catch (IOException closed) {
            // destroying the process closes the pipe under the reader: what was read so far is the output
        } finally {
            end();
        }
    }

    private synchronized void append(char[] chars, int count) {
        text.append(chars, 0, count);
        for (int newline = text.indexOf("\n", unfinishedLineStart);
                newline >= 0;
                newline = text.indexOf("\n", unfinishedLineStart)) {
            lines.add(withoutCarriageReturn(text.substring(unfinishedLineStart, newline)));
            unfinishedLineStart = newline + 1;
        }
        notifyAll();
    }

    private synchronized void end() {
        if (unfinishedLineStart < text.length()) {
            lines.add(text.substring(unfinishedLineStart));
            unfinishedLineStart = text.length();
        }
        ended = true;
        notifyAll();
    }

    private static String withoutCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** Everything read so far. */
    synchronized String text() {
        return text.toString();
    }

    /** Whether the stream reached its end: every writer closed it, usually because the process exited. */
    synchronized boolean ended() {
        return ended;
    }

    /**
     * The first line, from the start of the stream, that {@code matching} accepts; waits for more lines until
     * {@code deadline}. Empty if the stream ends or the deadline passes first.
     */
    synchronized Optional<String> awaitLine(Predicate<String> matching, Instant deadline) throws InterruptedException {
        int checked = 0;
        while (true) {
            for (; checked < lines.size(); checked++) {
                if (matching.test(lines.get(checked))) {
                    return Optional.of(lines.get(checked));
                }
            }
            long remainingMillis = Duration.between(Instant.now(), deadline).toMillis();
            if (ended || remainingMillis <= 0) {
                return Optional.empty();
            }
            wait(remainingMillis);
        }
    }

    /** Waits until the stream ends or {@code timeout} passes, whichever comes first. */
    synchronized void awaitEnd(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        long remainingMillis = timeout.toMillis();
        while (!ended && remainingMillis > 0) {
            wait(remainingMillis);
            remainingMillis = Duration.between(Instant.now(), deadline).toMillis();
        }
    }
}
