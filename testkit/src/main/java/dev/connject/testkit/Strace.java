package dev.connject.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * strace as a wrapper of a child JVM ({@link ChildJvm#wrappedBy(List)}), recording the calls that connject
 * records too: {@code connect} and {@code getsockopt}, of which {@link StraceLog} keeps the {@code SO_ERROR}
 * reads.
 */
public final class Strace {

    private Strace() {
    }

    /** Whether strace can trace here: it is installed and ptrace is allowed (containers often forbid it). */
    public static boolean available() {
        return Probes.AVAILABLE;
    }

    /**
     * The command prefix that runs a command under strace, all its threads and child processes included, writing
     * the calls to {@code output}:
     * {@code strace -f -qq [--seccomp-bpf] -o OUTPUT -e trace=connect,getsockopt -e signal=none EXTRA...}.
     *
     * <p>{@code --seccomp-bpf}, when this strace and kernel support it, stops the tracee only at the traced
     * calls instead of at every system call, which more than halves what tracing adds to a short JVM run.
     * {@code -qq} and {@code signal=none} leave out the attach, exit and signal lines.
     *
     * @param extraArguments further strace options, e.g. {@code "-e", "inject=connect:error=ECONNREFUSED"}, which
     *     makes every connect fail, including the JVM's own early ones (such as to the nscd socket)
     */
    public static List<String> prefix(Path output, String... extraArguments) {
        List<String> prefix = new ArrayList<>(List.of("strace", "-f", "-qq"));
        if (Probes.SECCOMP_BPF) {
            prefix.add("--seccomp-bpf");
        }
        prefix.addAll(List.of("-o", output.toString(), "-e", "trace=connect,getsockopt", "-e", "signal=none"));
        prefix.addAll(List.of(extraArguments));
        return List.copyOf(prefix);
    }

    /** What this machine's strace can do, found on first use. */
    private static final class Probes {
        static final boolean AVAILABLE =
                CompletedCommand.run(List.of("strace", "-f", "-qq", "-e", "trace=connect", "true")).succeeded();
        static final boolean SECCOMP_BPF = CompletedCommand.run(
                List.of("strace", "-f", "-qq", "--seccomp-bpf", "-e", "trace=connect", "true")).succeeded();
    }
}
