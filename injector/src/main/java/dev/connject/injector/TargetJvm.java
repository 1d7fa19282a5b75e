package dev.connject.injector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The JVM a command names by pid, checked before anything is sent to it: that the process exists,
 * runs as this user, is a JVM, takes attach requests and runs Java 17 or later. Each check says
 * why it failed and what to do, instead of an attach API stack trace; and none of them signals the
 * process, which the attach handshake does (SIGQUIT, which would end a process that is not a JVM).
 */
final class TargetJvm {

    /** The oldest Java that connject runs on. */
    static final int OLDEST_FEATURE = 17;

    private static final int ROOT = 0;

    /** How long connject loaded at a JVM's start may take to register its MBean. */
    private static final Duration REGISTRATION = Duration.ofSeconds(5);

    private final LocalJvm jvm;
    private final int ownUid;
    private final Attacher attacher;

    private TargetJvm(LocalJvm jvm, int ownUid, Attacher attacher) {
        this.jvm = jvm;
        this.ownUid = ownUid;
        this.attacher = attacher;
    }

    /**
     * The JVM {@code pid}, checked.
     *
     * @param command the command that names it, for the remedies that repeat it
     */
    static TargetJvm find(long pid, String command) throws CommandFailure {
        LinuxProcess process = LinuxProcess.of(pid);
        Optional<Integer> owner = process.ownerUid();
        if (owner.isEmpty()) {
            throw CommandFailure.unreachable("no process has pid " + pid,
                    "check the pid; `" + Connject.INVOCATION + " list` shows the JVMs of this user");
        }
        LinuxProcess self = LinuxProcess.current();
        int ownUid = self.ownerUid().orElseThrow();
        if (ownUid != ROOT && owner.get() != ownUid) {
            throw CommandFailure.unreachable("process " + pid + " runs as user " + process.ownerName() + " (uid "
                            + owner.get() + ") and connject as " + self.ownerName() + " (uid " + ownUid
                            + "); a JVM takes attach requests from its own user and root only",
                    "run connject as that user: sudo -u " + process.ownerName() + " " + Connject.INVOCATION + " "
                            + command + " " + pid + " ...");
        }
        if (!LocalJvm.isJvm(process)) {
            throw CommandFailure.unreachable("process " + pid + " (" + process.name() + ") is not a Java virtual machine",
                    "pass the pid of a JVM; `" + Connject.INVOCATION + " list` shows them");
        }
        LocalJvm jvm = LocalJvm.inspect(process);
        if (jvm.attachDisabled()) {
            throw CommandFailure.unreachable("JVM " + pid + " was started with " + LocalJvm.DISABLE_ATTACH
                            + ", so it takes no attach requests",
                    "restart it without that option, or load connject at its start with -javaagent");
        }
        OptionalInt feature = jvm.javaFeature();
        if (feature.isPresent() && feature.getAsInt() < OLDEST_FEATURE) {
            throw tooOld(pid, jvm.javaVersion().orElseThrow());
        }
        if (!process.sharesNetwork()) {
            throw CommandFailure.unreachable("JVM " + pid + " runs in another network namespace (a container, say);"
                            + " connject steers it through its local JMX connector, on a loopback this one cannot reach",
                    "run connject in that namespace: nsenter -t " + pid + " -n " + Connject.INVOCATION + " " + command
                            + " " + pid + " ...");
        }
        // JDK 17's attach API looks for the socket of a JVM with the same process ids in this process's /tmp, not the
        // JVM's; the emulation looks in the JVM's own
        boolean ownTemporary = !process.sharesFileSystem() && process.sharesPids();
        return new TargetJvm(jvm, ownUid, ownTemporary ? new Attacher.ForEmulation() : Attacher.forThisRuntime());
    }

    LocalJvm jvm() {
        return jvm;
    }

    long pid() {
        return jvm.process().pid();
    }

    /**
     * Loads the connject agent with {@code options} ({@code null} for none); if connject runs in
     * the JVM already, that agent only takes the options. Then connects to its MBean.
     */
    AgentClient load(String options) throws CommandFailure {
        String address;
        try (Attacher.AttachedJvm attached = attach()) {
            String specification = attached.systemProperties().getProperty("java.specification.version", "");
            OptionalInt feature = LocalJvm.featureOf(specification);
            if (feature.isPresent() && feature.getAsInt() < OLDEST_FEATURE) {
                throw tooOld(pid(), specification);
            }
            Path agentJar = agentJar();
            try {
                attached.loadAgent(agentJar, options);
            } catch (IOException refused) {
                throw CommandFailure.unreachable("JVM " + pid() + " did not start connject: " + oneLine(refused),
                        "its standard error says why; from JDK 21 on, -XX:-EnableDynamicAgentLoading forbids"
                                + " loading agents into a running JVM");
            }
            address = attached.startLocalManagementAgent();
        } catch (IOException lost) {
            throw unanswered(lost);
        }
        AgentClient agent = AgentClient.connect(pid(), address);
        if (!agent.awaitRegistration(Duration.ZERO)) {
            agent.close();
            throw CommandFailure.unreachable("the agent did not start in JVM " + pid()
                            + " (no MBean " + AgentClient.AGENT + " after loading it)",
                    "its standard error says why; CONNJECT_DISABLED=true or -Dconnject.disabled=true turn it off");
        }
        return agent;
    }

    /** Connects to the MBean of connject running in the JVM; fails if connject is not loaded there. */
    AgentClient steer() throws CommandFailure {
        if (!jvm.connjectLoaded()) {
            throw CommandFailure.unreachable("JVM " + pid() + " does not run connject",
                    "attach it first: " + Connject.INVOCATION + " attach " + pid() + " --rules FILE");
        }
        String address;
        try (Attacher.AttachedJvm attached = attach()) {
            address = attached.startLocalManagementAgent();
        } catch (IOException lost) {
            throw unanswered(lost);
        }
        AgentClient agent = AgentClient.connect(pid(), address);
        if (!agent.awaitRegistration(REGISTRATION)) {
            agent.close();
            throw CommandFailure.unreachable("JVM " + pid() + " runs connject, but its MBean " + AgentClient.AGENT
                            + " did not appear within " + REGISTRATION.toSeconds() + " s",
                    "attach once to register it: " + Connject.INVOCATION + " attach " + pid());
        }
        return agent;
    }

    private Attacher.AttachedJvm attach() throws CommandFailure {
        try {
            return attacher.attach(pid());
        } catch (IOException refused) {
            throw unanswered(refused);
        }
    }

    /**
     * Whether the JVM finds {@code rules} at its path: in its own file system, the same text there.
     * Only then can it follow the file's changes.
     */
    boolean sees(RulesFile rules) {
        LinuxProcess process = jvm.process();
        if (process.sharesFileSystem()) {
            return true;
        }
        try {
            return Files.readString(process.seenFromProcess(rules.path().toString())).equals(rules.text());
        } catch (IOException notThere) {
            return false;
        }
    }

    private Path agentJar() throws CommandFailure {
        LinuxProcess process = jvm.process();
        try {
            return process.sharesFileSystem() ? AgentJar.forUser(process.ownerUid().orElse(ownUid), ownUid)
                    : AgentJar.forProcessElsewhere(process, ownUid);
        } catch (IOException unwritable) {
            throw CommandFailure.unreachable("cannot write the agent jar for JVM " + pid() + ": " + oneLine(unwritable),
                    "let this user write ~/.cache/connject (or $XDG_CACHE_HOME/connject), or "
                            + System.getProperty("java.io.tmpdir") + "/connject-" + ownUid + " for other users' JVMs");
        }
    }

    private CommandFailure unanswered(IOException failure) {
        return CommandFailure.unreachable("JVM " + pid() + " did not answer the attach request: " + oneLine(failure),
                "check that it still runs and is not stopped (kill -CONT " + pid() + "), then retry");
    }

    private static CommandFailure tooOld(long pid, String version) {
        return CommandFailure.unreachable("JVM " + pid + " runs Java " + version + "; connject needs Java "
                        + OLDEST_FEATURE + " or later",
                "run the application on JDK " + OLDEST_FEATURE + " or later to use connject with it");
    }

    /** An exception's message on one line: the attach API's messages sometimes span several. */
    static String oneLine(Exception failure) {
        String message = failure.getMessage() == null ? failure.getClass().getName() : failure.getMessage();
        return message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
