package dev.connject.agent.control;

import dev.connject.agent.log.AgentLog;
import dev.connject.config.InvalidRulesException;
import dev.connject.config.RuleSet;
import dev.connject.config.RulesLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Reloads the rules file when it changes: written in place, replaced by an atomic rename, or
 * swapped behind a directory symlink as Kubernetes updates a ConfigMap volume. It looks twice a
 * second at what the path resolves to, its inode, size and modification time: cheap, and it sees
 * every one of those kinds of change, which a directory watch does not for a symlink swap. A file
 * that does not load leaves the rules in force as they were, and says why once.
 */
final class RulesWatcher {

    private static final long PERIOD_MILLIS = 500;

    private final Path file;
    private final RunningAgent agent;
    private final Thread thread;
    private volatile boolean running = true;
    private Fingerprint seen;
    private Fingerprint refused;

    RulesWatcher(Path file, RunningAgent agent) {
        this.file = file;
        this.agent = agent;
        this.seen = Fingerprint.of(file);
        // not this::watch: it is made at the JVM's start, where a lambda costs the generation of a class
        this.thread = new Thread(new Runnable() {
            @Override
            public void run() {
                watch();
            }
        }, "connject-rules-watch");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() {
        running = false;
        thread.interrupt();
    }

    Path file() {
        return file;
    }

    private void watch() {
        while (running) {
            try {
                TimeUnit.MILLISECONDS.sleep(PERIOD_MILLIS);
            } catch (InterruptedException stopping) {
                return;
            }
            Fingerprint now = Fingerprint.of(file);
            if (!Objects.equals(now, seen) && now != null && !now.equals(refused)) {
                reload(now);
            }
        }
    }

    private void reload(Fingerprint now) {
        try {
            RuleSet rules = RulesLoader.load(file);
            seen = now;
            refused = null;
            agent.apply(rules);
            AgentLog.info("rules reloaded from " + file + ": " + RuleSet.count(rules.rules().size()) + ", mode "
                    + rules.mode().yamlName());
        } catch (InvalidRulesException invalid) {
            refused = now;
            AgentLog.error("rules file changed but was refused; the previous rules stay in force:\n" + invalid.getMessage());
        } catch (IOException unreadable) {
            refused = now;
            AgentLog.error("rules file " + file + " changed but cannot be read (" + unreadable
                    + "); the previous rules stay in force");
        } catch (RuntimeException failure) {
            refused = now;
            AgentLog.error("rules reload failed; the previous rules stay in force", failure);
        }
    }

    /** What identifies one version of the file; {@code null} while there is none. */
    private record Fingerprint(Path realPath, Object fileKey, long size, long modifiedNanos) {
        static Fingerprint of(Path file) {
            try {
                Path real = file.toRealPath();
                BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
                return new Fingerprint(real, attributes.fileKey(), attributes.size(),
                        attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS));
            } catch (NoSuchFileException gone) {
                return null;
            } catch (IOException unreadable) {
                return null;
            }
        }
    }
}
