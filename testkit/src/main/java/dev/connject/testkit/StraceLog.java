package dev.connject.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The connect calls and {@code SO_ERROR} reads in the output of {@code strace -f -o FILE}, as written through
 * {@link Strace#prefix(Path, String...)}, in the order they returned.
 *
 * <p>Calls of other threads can interleave with a call; strace then splits it into a
 * {@code connect(... <unfinished ...>} line and a later {@code <... connect resumed>) = 0} line of the same
 * thread, which are joined again here. Calls that never returned, because their process exited during them
 * ({@code = ?}), are left out: they have no result. Lines of other calls, of signals ({@code --- SIG...}) and of
 * exits ({@code +++ exited with 0 +++}) are skipped.
 *
 * <p>File descriptors belong to processes but strace prints thread ids, so this log tells calls apart by file
 * descriptor alone: for a run that forks processes which connect, calls of different processes can mix.
 */
public final class StraceLog {

    private static final String UNFINISHED = " <unfinished ...>";
    private static final Pattern THREAD_LINE = Pattern.compile("(\\d+) +(.*)");
    private static final Pattern RESUMED = Pattern.compile("<\\.\\.\\. (\\w+) resumed>(.*)");
    /** The arguments end at the last ")" that the "=" of the result follows; strace pads before the "=". */
    private static final Pattern CALL = Pattern.compile("(\\w+)\\((.*)\\)\\s+= (-?\\d+|\\?)(.*)");
    /** After the return value: the errno with its description, then markers such as (INJECTED) or (DELAYED). */
    private static final Pattern OUTCOME = Pattern.compile("(?: ([A-Z][A-Z0-9_]*) \\([^)]*\\))?((?: \\([A-Z]+\\))*)");
    private static final Pattern CONNECT_ARGUMENTS = Pattern.compile("(-?\\d+), (.*), (\\d+)");
    private static final Pattern GETSOCKOPT_ARGUMENTS = Pattern.compile("(-?\\d+), ([^,]+), ([^,]+), (.*), (.*)");
    private static final Pattern BRACKETED = Pattern.compile("\\[(.*)]");
    private static final Pattern FAMILY = Pattern.compile("\\{sa_family=(\\w+)");
    private static final Pattern INET_PORT = Pattern.compile("sin6?_port=htons\\((\\d+)\\)");
    private static final Pattern IPV4 = Pattern.compile("sin_addr=inet_addr\\(\"([^\"]*)\"\\)");
    private static final Pattern IPV6 = Pattern.compile("inet_pton\\(AF_INET6, \"([^\"]*)\"");
    private static final Pattern UNIX_PATH = Pattern.compile("sun_path=(@?)\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final List<StraceCall> calls;

    private StraceLog(List<StraceCall> calls) {
        this.calls = List.copyOf(calls);
    }

    /**
     * Reads what strace wrote to {@code output}.
     *
     * @throws IllegalArgumentException if a connect or getsockopt line cannot be read, naming the line
     */
    public static StraceLog read(Path output) {
        List<String> lines;
        try {
            // strace escapes whatever is not printable ASCII, and Latin-1 decodes any byte: no line is lost
            lines = Files.readAllLines(output, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read strace output " + output, e);
        }
        Map<Integer, String> unfinished = new HashMap<>();
        List<StraceCall> calls = new ArrayList<>();
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index);
            try {
                joined(line, unfinished).flatMap(StraceLog::call).ifPresent(calls::add);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        output + " line " + (index + 1) + ": " + e.getMessage() + "\n" + line, e);
            }
        }
        return new StraceLog(calls);
    }

    /** A call as strace prints it, the parts of a split one joined again, and the thread that made it. */
    private record ThreadCall(int tid, String text) {
    }

    /**
     * The call that {@code line} completes; empty if it completes none: it starts a call that a later line
     * finishes, or is not a call at all.
     */
    private static Optional<ThreadCall> joined(String line, Map<Integer, String> unfinished) {
        Matcher threadLine = THREAD_LINE.matcher(line);
        if (!threadLine.matches()) {
            throw new IllegalArgumentException("no thread id: strace must run with -f");
        }
        int tid = Integer.parseInt(threadLine.group(1));
        String text = threadLine.group(2);
        if (text.startsWith("+++ ") || text.startsWith("--- ")) {
            return Optional.empty();
        }
        if (text.endsWith(UNFINISHED)) {
            unfinished.put(tid, text.substring(0, text.length() - UNFINISHED.length()));
            return Optional.empty();
        }
        Matcher resumed = RESUMED.matcher(text);
        if (resumed.matches()) {
            String start = unfinished.remove(tid);
            if (start == null || !start.startsWith(resumed.group(1) + "(")) {
                throw new IllegalArgumentException("resumes a " + resumed.group(1) + " the thread did not start");
            }
            text = start + resumed.group(2);
        }
        return Optional.of(new ThreadCall(tid, text));
    }

    /** The call on a completed line, if it is a connect or a read of SO_ERROR that returned. */
    private static Optional<StraceCall> call(ThreadCall threadCall) {
        String text = threadCall.text();
        Matcher call = CALL.matcher(text);
        if (!call.matches()) {
            if (text.startsWith(StraceCall.CONNECT + "(") || text.startsWith(StraceCall.GETSOCKOPT + "(")) {
                throw new IllegalArgumentException("not a complete call");
            }
            return Optional.empty();
        }
        String syscall = call.group(1);
        if (!syscall.equals(StraceCall.CONNECT) && !syscall.equals(StraceCall.GETSOCKOPT)) {
            return Optional.empty();
        }
        // "= ?": strace saw no return value. With an errno (ERESTARTSYS) a signal interrupted the call, which
        // failed; without one (or with "<unavailable>") the process exited during the call, which never returned.
        boolean returned = !call.group(3).equals("?");
        Matcher outcome = OUTCOME.matcher(call.group(4));
        if (!outcome.matches()) {
            if (!returned) {
                return Optional.empty();
            }
            throw new IllegalArgumentException("unreadable outcome '" + call.group(4) + "'");
        }
        String errno = outcome.group(1);
        if (!returned && errno == null) {
            return Optional.empty();
        }
        long returnValue = returned ? Long.parseLong(call.group(3)) : -1;
        boolean injected = outcome.group(2).contains("(INJECTED)");
        int tid = threadCall.tid();
        if (syscall.equals(StraceCall.CONNECT)) {
            Matcher arguments = matching(CONNECT_ARGUMENTS, call.group(2), "connect arguments");
            return Optional.of(new StraceCall(tid, syscall, Integer.parseInt(arguments.group(1)),
                    address(arguments.group(2)), returnValue, errno, null, injected));
        }
        Matcher arguments = matching(GETSOCKOPT_ARGUMENTS, call.group(2), "getsockopt arguments");
        if (!arguments.group(2).equals("SOL_SOCKET") || !arguments.group(3).equals("SO_ERROR")) {
            return Optional.empty();
        }
        // a failed read prints the address of the value instead of the bracketed value
        Matcher value = BRACKETED.matcher(arguments.group(4));
        String soError = value.matches() ? value.group(1) : null;
        return Optional.of(new StraceCall(tid, syscall, Integer.parseInt(arguments.group(1)),
                null, returnValue, errno, soError, injected));
    }

    private static String address(String sockaddr) {
        Matcher family = FAMILY.matcher(sockaddr);
        if (!family.lookingAt()) {
            // strace could not read the structure and printed the pointer
            return sockaddr;
        }
        switch (family.group(1)) {
            case "AF_INET":
                return find(IPV4, sockaddr, "IPv4 address") + ":" + find(INET_PORT, sockaddr, "port");
            case "AF_INET6":
                return "[" + find(IPV6, sockaddr, "IPv6 address") + "]:" + find(INET_PORT, sockaddr, "port");
            case "AF_UNIX":
                Matcher path = UNIX_PATH.matcher(sockaddr);
                if (!path.find()) {
                    throw new IllegalArgumentException("no sun_path in " + sockaddr);
                }
                return path.group(1) + path.group(2);
            default:
                return family.group(1);
        }
    }

    private static Matcher matching(Pattern pattern, String text, String what) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("unreadable " + what + " '" + text + "'");
        }
        return matcher;
    }

    private static String find(Pattern pattern, String text, String what) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalArgumentException("no " + what + " in " + text);
        }
        return matcher.group(1);
    }

    /** Every connect and SO_ERROR read, in the order they returned. */
    public List<StraceCall> calls() {
        return calls;
    }

    /** The connect calls to {@code port}, on any address. */
    public List<StraceCall> connectsTo(int port) {
        return calls.stream().filter(call -> call.isConnect() && call.port() == port).toList();
    }

    /** The calls on file descriptor {@code fd}, of whichever thread or process. */
    public List<StraceCall> onFd(int fd) {
        return calls.stream().filter(call -> call.fd() == fd).toList();
    }

    /**
     * The connect attempts to {@code port}, each as its connect followed by the SO_ERROR reads on the same file
     * descriptor up to the next connect on it: {@code [connect EINPROGRESS, getsockopt ECONNREFUSED]} for a
     * refused non-blocking connect. The same descriptor can serve several attempts in turn.
     */
    public List<List<StraceCall>> attempts(int port) {
        List<List<StraceCall>> attempts = new ArrayList<>();
        Map<Integer, List<StraceCall>> latestAttemptByFd = new HashMap<>();
        for (StraceCall call : calls) {
            if (call.isConnect()) {
                latestAttemptByFd.remove(call.fd());
                if (call.port() == port) {
                    List<StraceCall> attempt = new ArrayList<>(List.of(call));
                    attempts.add(attempt);
                    latestAttemptByFd.put(call.fd(), attempt);
                }
            } else if (latestAttemptByFd.containsKey(call.fd())) {
                latestAttemptByFd.get(call.fd()).add(call);
            }
        }
        return attempts.stream().map(List::copyOf).toList();
    }

    /** The calls of every attempt to {@code port} ({@link #attempts(int)}) in one list. */
    public List<StraceCall> attempt(int port) {
        return attempts(port).stream().flatMap(List::stream).toList();
    }

    /** One call a line, for failure messages. */
    @Override
    public String toString() {
        return calls.stream().map(StraceCall::toString).collect(Collectors.joining("\n"));
    }
}
