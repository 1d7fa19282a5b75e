package dev.connject.agent.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connject.testkit.ChildJvm;
import dev.connject.testkit.Events;
import dev.connject.testkit.ExitedJvm;
import dev.connject.testkit.Jdk;
import dev.connject.testkit.RulesFile;
import dev.connject.testkit.Strace;
import dev.connject.testkit.StraceLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the {@code ConnectProbe} application in a child JVM, with the agent, optionally under
 * strace and inside a network namespace, and reads what each side saw.
 */
final class Probe {

    static final Path AGENT = Path.of(System.getProperty("connject.agent.jar", "target/connject-agent.jar"))
            .toAbsolutePath();
    static final Path CLASSES = Path.of("target/test-classes").toAbsolutePath();
    static final String MAIN = "dev.connject.probe.ConnectProbe";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The probe's paths that connect over TCP or UDP to a port, for a JDK: the virtual-thread ones need Java 21. */
    static List<String> portPaths(Jdk jdk) {
        List<String> paths = new ArrayList<>(List.of("socket", "socket-timeout", "channel-open", "channel-blocking",
                "channel-nonblocking", "channel-adaptor", "async-future", "async-handler", "datagram-channel",
                "datagram-socket", "http-url-connection", "http-client"));
        if (jdk.feature() >= 21) {
            paths.add("virtual-socket");
            paths.add("virtual-channel");
        }
        return paths;
    }

    /** What one run produced. */
    record Run(ExitedJvm jvm, List<Map<String, Object>> outcomes, List<Map<String, Object>> events, StraceLog strace) {

        Map<String, Object> outcome(String path) {
            return outcomes.stream().filter(o -> path.equals(o.get("path"))).findFirst()
                    .orElseThrow(() -> new AssertionError("the probe reported nothing for " + path + "\n" + jvm));
        }
    }

    /** A run's settings: built, then {@link #run}. */
    static final class Setup {
        private final Jdk jdk;
        private final Path directory;
        private String rules = "version: 1\n";
        private boolean ownRecord;
        private boolean strace;
        private final List<List<String>> wrappers = new ArrayList<>();
        private final List<String> straceArguments = new ArrayList<>();
        private boolean agent = true;
        private final List<String> jvmArguments = new ArrayList<>();
        private String mainClass = MAIN;

        Setup(Jdk jdk, Path directory) {
            this.jdk = jdk;
            this.directory = directory;
        }

        /** The rules file's {@code rules:} and {@code mode:}; {@code record:} is added. */
        Setup rules(String rulesAndMode) {
            this.rules = "version: 1\n" + rulesAndMode;
            return this;
        }

        Setup strace(String... extraArguments) {
            this.strace = true;
            this.straceArguments.addAll(List.of(extraArguments));
            return this;
        }

        Setup wrappedBy(List<String> prefix) {
            wrappers.add(prefix);
            return this;
        }

        /** Another application of the test classes than the probe. */
        Setup mainClass(String name) {
            this.mainClass = name;
            return this;
        }

        Setup jvmArgs(String... arguments) {
            jvmArguments.addAll(List.of(arguments));
            return this;
        }

        /** The whole rules file, {@code record:} included; the events file is then the caller's. */
        Setup rulesFile(String text) {
            this.rules = text;
            this.ownRecord = true;
            return this;
        }

        Setup withoutAgent() {
            this.agent = false;
            return this;
        }

        Run run(String... probeArguments) {
            Path events = directory.resolve("events.jsonl");
            Path rulesFile = RulesFile.write(directory.resolve("rules.yaml"),
                    ownRecord ? rules : rules + "record:\n  jsonl: " + events + "\n");
            Path straceOutput = directory.resolve("strace.txt");
            ChildJvm child = ChildJvm.on(jdk).classpath(CLASSES).mainClass(mainClass).args(probeArguments)
                    .jvmArgs(jvmArguments.toArray(String[]::new));
            if (agent) {
                child.javaagent(AGENT, "rules=" + rulesFile + ",watch=false");
            }
            wrappers.forEach(child::wrappedBy);
            if (strace) {
                child.wrappedBy(Strace.prefix(straceOutput, straceArguments.toArray(String[]::new)));
            }
            ExitedJvm jvm = child.run(Duration.ofSeconds(90)).assertSucceeded();
            List<Map<String, Object>> outcomes = new ArrayList<>();
            for (String line : jvm.stdoutLines()) {
                if (line.startsWith("{")) {
                    outcomes.add(parse(line));
                }
            }
            return new Run(jvm, outcomes, agent && Files.isRegularFile(events) ? Events.read(events) : List.of(),
                    strace ? StraceLog.read(straceOutput) : null);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String line) {
        try {
            return JSON.readValue(line, Map.class);
        } catch (JsonProcessingException e) {
            throw new AssertionError("the probe printed a line that is not JSON: " + line, e);
        }
    }

    private Probe() {
    }
}
