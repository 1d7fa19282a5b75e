package dev.connject.injector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A process as Linux shows it under {@code /proc}: read from outside, never touching the process
 * itself. Most of it is readable only by the process's own user and root; what is not readable
 * reads as absent.
 */
final class LinuxProcess {

    private static final Path PROC = Path.of("/proc");

    private final long pid;
    private final Path directory;

    private LinuxProcess(long pid) {
        this.pid = pid;
        this.directory = PROC.resolve(Long.toString(pid));
    }

    static LinuxProcess of(long pid) {
        return new LinuxProcess(pid);
    }

    /** This very process. */
    static LinuxProcess current() {
        return new LinuxProcess(ProcessHandle.current().pid());
    }

    /** Every process running now, in no particular order. */
    static List<LinuxProcess> all() {
        List<LinuxProcess> processes = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                processes.add(new LinuxProcess(Long.parseLong(entry.getFileName().toString())));
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot list " + PROC, unreadable);
        }
        return processes;
    }

    long pid() {
        return pid;
    }

    boolean exists() {
        return Files.isDirectory(directory);
    }

    /** The effective user id the process runs as; empty once it has exited. */
    Optional<Integer> ownerUid() {
        try {
            return Optional.of((Integer) Files.getAttribute(directory, "unix:uid"));
        } catch (IOException gone) {
            return Optional.empty();
        }
    }

    /** The user name of {@link #ownerUid()}, or the number where the system has no name for it. */
    String ownerName() {
        try {
            return Files.getOwner(directory).getName();
        } catch (IOException gone) {
            return "?";
        }
    }

    /** The executable's name as the kernel keeps it, at most 15 characters: {@code java}, {@code sleep}. */
    String name() {
        return read("comm").map(String::trim).orElse("?");
    }

    /** The arguments the process was started with, the program first. */
    List<String> commandLine() {
        return read("cmdline").map(text -> Arrays.asList(text.split("\0"))).orElse(List.of());
    }

    /** The value of an environment variable as the process was started with it. */
    Optional<String> environmentVariable(String name) {
        String prefix = name + "=";
        return read("environ").stream()
                .flatMap(environment -> Arrays.stream(environment.split("\0")))
                .filter(entry -> entry.startsWith(prefix))
                .map(entry -> entry.substring(prefix.length()))
                .findFirst();
    }

    /** Whether a shared library of this file name, such as {@code libjvm.so}, is mapped into the process. */
    boolean mapsLibrary(String fileName) {
        try (Stream<String> maps = Files.lines(directory.resolve("maps"), StandardCharsets.UTF_8)) {
            return maps.anyMatch(mapping -> mapping.endsWith("/" + fileName));
        } catch (IOException | UncheckedIOException unreadable) {
            return false;
        }
    }

    /**
     * Whether one of the process's open file descriptors leads to a file whose name starts with
     * {@code prefix}; deleted files count, their link reads {@code /tmp/name (deleted)}.
     */
    boolean hasOpenFileStartingWith(String prefix) {
        try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(directory.resolve("fd"))) {
            for (Path descriptor : descriptors) {
                Optional<Path> target = readLink(descriptor);
                if (target.isPresent() && target.get().getFileName() != null
                        && target.get().getFileName().toString().startsWith(prefix)) {
                    return true;
                }
            }
        } catch (IOException unreadable) {
            return false;
        }
        return false;
    }

    /** The process id as the process itself sees it, inside its own pid namespace (a container's). */
    long namespacePid() {
        Optional<String> status = read("status");
        if (status.isPresent()) {
            for (String line : status.get().split("\n")) {
                if (line.startsWith("NSpid:")) {
                    String[] pids = line.substring("NSpid:".length()).trim().split("\\s+");
                    return Long.parseLong(pids[pids.length - 1]);
                }
            }
        }
        return pid;
    }

    /**
     * A path as the process sees it: through {@code /proc/PID/root} where that is readable, so that
     * a process in another mount namespace (a container) is looked at in its own file system.
     */
    Path seenFromProcess(String absolutePath) {
        Path root = directory.resolve("root");
        return Files.isReadable(root) ? root.resolve(absolutePath.substring(1)) : Path.of(absolutePath);
    }

    /**
     * Whether the process sees the same file system as this one: the same mount namespace, or one
     * that cannot be told from here. A JVM in a container that this one is not in does not.
     */
    boolean sharesFileSystem() {
        return sharesNamespace("mnt");
    }

    /** Whether the process has the same network, and so the same loopback, as this one, or one that cannot be told from here. */
    boolean sharesNetwork() {
        return sharesNamespace("net");
    }

    /** Whether the process has the same process ids as this one, or ones that cannot be told from here. */
    boolean sharesPids() {
        return sharesNamespace("pid");
    }

    private boolean sharesNamespace(String kind) {
        Optional<Path> theirs = readLink(directory.resolve("ns").resolve(kind));
        Optional<Path> ours = readLink(Path.of("/proc/self/ns", kind));
        return theirs.isEmpty() || ours.isEmpty() || theirs.equals(ours);
    }

    /** The executable the process runs, as the kernel resolved it. */
    Optional<Path> executable() {
        return readLink(directory.resolve("exe"));
    }

    private Optional<String> read(String file) {
        try {
            return Optional.of(new String(Files.readAllBytes(directory.resolve(file)), StandardCharsets.UTF_8));
        } catch (IOException goneOrUnreadable) {
            return Optional.empty();
        }
    }

    private static Optional<Path> readLink(Path link) {
        try {
            return Optional.of(Files.readSymbolicLink(link));
        } catch (IOException | UnsupportedOperationException unreadable) {
            return Optional.empty();
        }
    }
}
