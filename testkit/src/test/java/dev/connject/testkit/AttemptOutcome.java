package dev.connject.testkit;

import dev.connject.testkit.programs.ConnectAttempts;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One line of {@link ConnectAttempts}' output: how an attempt with that timeout ended and how long it took.
 *
 * @param timeout the connect timeout in milliseconds, 0 for none
 * @param millis how long the connect took
 * @param outcome {@code connected}, or the exception's class and message
 */
record AttemptOutcome(int timeout, long millis, String outcome) {

    private static final Pattern LINE = Pattern.compile("timeout=(\\d+) millis=(\\d+) outcome=(.*)");

    /** The outcomes a run of {@link ConnectAttempts} printed, by timeout. */
    static Map<Integer, AttemptOutcome> byTimeout(ExitedJvm exited) {
        return exited.assertSucceeded().stdoutLines().stream()
                .map(AttemptOutcome::parse)
                .collect(Collectors.toMap(AttemptOutcome::timeout, Function.identity()));
    }

    private static AttemptOutcome parse(String line) {
        Matcher matcher = LINE.matcher(line);
        if (!matcher.matches()) {
            throw new AssertionError("not an outcome of " + ConnectAttempts.class.getSimpleName() + ": " + line);
        }
        return new AttemptOutcome(
                Integer.parseInt(matcher.group(1)), Long.parseLong(matcher.group(2)), matcher.group(3));
    }
}
