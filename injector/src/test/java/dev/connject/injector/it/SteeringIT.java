package dev.connject.injector.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connject.injector.app.ConnectLoop;
import dev.connject.testkit.ChildJvm;
import dev.connject.testkit.Jdk;
import dev.connject.testkit.LoopbackPorts;
import dev.connject.testkit.RunningJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The injector steering real JVMs through connject's life, on each installed JDK: list, attach,
 * watch, status, apply, detach, attach again; and a JVM that loaded connject with -javaagent.
 * The steps run in order against the same two targets, each building on the one before, as a
 * user's session would.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.connject.testkit.Jdks#forJUnit")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SteeringIT {

    /** How soon after attach returns the target must see the faults. */
    private static final Duration FAULTS_VISIBLE = Duration.ofSeconds(1);
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    /** How long the agent keeps sending events for a watch that stopped renewing its lease. */
    private static final Duration LEASE = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path AGENT_JAR = Path.of(System.getProperty("connject.agent.jar"));
    private static final String MANAGEMENT_FACTORY = "java.lang.management.ManagementFactory";

    @Parameter
    Jdk jdk;

    private final Injector injector = Injector.onTestJdk();
    private Path directory;
    private Path classBytesAgent;
    private LoopTarget loop;
    private ClassBytes earlyClassBytes;
    private ClassBytes lateClassBytes;
    private Path rules;
    private LoopTarget preloaded;
    private Path preloadedRules;
    private Map<String, String> originalBytes;
    private Map<String, String> wovenBytes;
    private List<String> hookedAtFirstAttach;

    @BeforeParameterizedClassInvocation
    void startTargets() throws IOException {
        directory = Files.createTempDirectory("steering-");
        Path loopControl = Files.createDirectory(directory.resolve("loop"));
        Path preloadedControl = Files.createDirectory(directory.resolve("preloaded"));
        Path early = Files.createDirectory(directory.resolve("early"));
        classBytesAgent = ClassBytes.agentJar(directory);
        int loopPort = LoopbackPorts.freePort();
        int preloadedPort = LoopbackPorts.freePort();
        rules = RulesFiles.refusing(directory, "refuse-every-second.yaml", loopPort, 2);
        preloadedRules = RulesFiles.refusing(directory, "preloaded.yaml", preloadedPort, 2);
        loop = LoopTarget.start(ChildJvm.on(jdk).javaagent(classBytesAgent, early.toString()), loopPort, loopControl);
        earlyClassBytes = new ClassBytes(early);
        preloaded = LoopTarget.start(ChildJvm.on(jdk).javaagent(AGENT_JAR, "rules=" + preloadedRules),
                preloadedPort, preloadedControl);
    }

    @AfterParameterizedClassInvocation
    void stopTargets() throws IOException {
        loop.close();
        preloaded.close();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Test
    @Order(1)
    void listShowsEachJvmWithItsMainClassAndWhetherConnjectIsLoaded() throws IOException {
        Path source = Files.writeString(directory.resolve("Waiting.java"), "class Waiting { public static void main("
                + "String[] arguments) throws Exception { System.out.println(\"ready\"); Thread.sleep(60_000); } }");
        InjectorRun list;
        long sourceLaunched;
        try (RunningJvm waiting = ChildJvm.on(jdk).mainClass(source.toString()).start()) {
            waiting.awaitStdoutLine(line -> line.equals("ready"), PATIENCE);
            sourceLaunched = waiting.pid();
            list = injector.run("list");
        }

        assertThat(list.exitCode()).as(list.describe()).isZero();
        assertThat(list.stdoutLines().get(0)).matches("PID\\s+CONNJECT\\s+JAVA\\s+MAIN");
        assertThat(list.stdoutLines()).as(list.describe())
                .anySatisfy(line -> assertThat(line).matches(row(loop.pid(), "no")))
                .anySatisfy(line -> assertThat(line).matches(row(preloaded.pid(), "yes")))
                .anySatisfy(line -> assertThat(line)
                        .matches(sourceLaunched + "\\s+no\\s+\\S+\\s+" + Pattern.quote(source.toString())))
                .noneSatisfy(line -> assertThat(line).startsWith(list.pid() + " "));
    }

    @Test
    @Order(2)
    void attachPutsTheRulesInForceAndTheTargetSeesTheFaultsWithinASecond() throws IOException {
        InjectorRun attach = injector.run("attach", Long.toString(loop.pid()), "--rules", rules.toString());
        Instant returned = Instant.now();
        int lastBefore = loop.lastAttempt();

        assertThat(attach.exitCode()).as(attach.describe()).isZero();
        assertThat(attach.stdout()).matches("connject \\S+ attached to JVM " + loop.pid() + " \\("
                + Pattern.quote(ConnectLoop.class.getName()) + "\\): 1 rule in force from " + Pattern.quote(rules.toString())
                + ", mode inject; \\d+ JDK methods hooked\\n");
        loop.awaitAttempt(attempt -> attempt.number() > lastBefore && attempt.outcome().equals("refused"),
                FAULTS_VISIBLE.minus(Duration.between(returned, Instant.now())));

        // the early agent is handed the initial bytes whenever it asks; asked now, it has those of
        // ManagementFactory too, which the attach loads, as it brings JMX up
        originalBytes = earlyClassBytes.capture("original");
        assertThat(originalBytes).containsKey(MANAGEMENT_FACTORY);
        // loaded after connject, the late agent is behind it in line: it sees connject's weaving
        lateClassBytes = ClassBytes.loadInto(loop.pid(), classBytesAgent,
                Files.createDirectory(directory.resolve("late")));
        wovenBytes = lateClassBytes.capture("attached");
        assertThat(wovenBytes).containsOnlyKeys(originalBytes.keySet());
        assertThat(wovenBytes.get("java.net.Socket")).isNotEqualTo(originalBytes.get("java.net.Socket"));
        assertThat(wovenBytes.get("sun.nio.ch.Net")).isNotEqualTo(originalBytes.get("sun.nio.ch.Net"));
        assertThat(wovenBytes.get(MANAGEMENT_FACTORY)).isNotEqualTo(originalBytes.get(MANAGEMENT_FACTORY));
        hookedAtFirstAttach = hooked(status(loop));
        assertThat(hookedAtFirstAttach).isNotEmpty();
    }

    @Test
    @Order(3)
    void attachingAgainOnlyAppliesTheRules() {
        InjectorRun again = injector.run("attach", Long.toString(loop.pid()), "--rules", rules.toString());

        assertThat(again.exitCode()).as(again.describe()).isZero();
        assertThat(again.stdout()).contains("was loaded already in JVM " + loop.pid());
        assertThat(hooked(status(loop))).isEqualTo(hookedAtFirstAttach);
    }

    @Test
    @Order(4)
    void statusCountsWhatTheTargetExperienced() {
        LoopTarget.Counts firstCounts = loop.pause();
        JsonNode first = settledStatus(loop);
        Instant resumed = Instant.now();
        loop.resume();
        int resumedAfter = loop.lastAttempt();
        loop.awaitAttempt(attempt -> attempt.number() > resumedAfter + 10, PATIENCE);
        LoopTarget.Counts secondCounts = loop.pause();
        JsonNode second = settledStatus(loop);
        Instant paused = Instant.now();
        List<LoopTarget.Attempt> attempts = loop.attempts();
        loop.resume();

        int connected = secondCounts.connected() - firstCounts.connected();
        int refused = secondCounts.refused() - firstCounts.refused();
        assertThat(refused).isPositive();
        assertThat(secondCounts.failed()).isZero();
        // every refusal the target ever saw was connject's: absolute counts agree, not only the differences
        assertThat(second.at("/results/ECONNREFUSED").asLong()).isEqualTo(secondCounts.refused());
        assertThat(second.at("/results/connected").asLong() - first.at("/results/connected").asLong())
                .isEqualTo(connected);
        assertThat(second.at("/attempts").asLong() - first.at("/attempts").asLong()).isEqualTo(connected + refused);
        assertThat(rule(second).get("injected").asLong() - rule(first).get("injected").asLong()).isEqualTo(refused);
        assertThat(rule(second).get("matched").asLong() - rule(first).get("matched").asLong())
                .isEqualTo(connected + refused);
        JsonNode destination = destination(second);
        assertThat(destination.get("attempts").asLong() - destination(first).get("attempts").asLong())
                .isEqualTo(connected + refused);
        assertThat(destination.at("/failures/ECONNREFUSED").asLong()).isEqualTo(secondCounts.refused());
        assertThat(destination.get("connected").asLong() - destination(first).get("connected").asLong())
                .isEqualTo(connected);
        assertThat(destination.get("p50_us").asLong()).isPositive()
                .isLessThanOrEqualTo(destination.get("p99_us").asLong());
        assertThat(destination.get("p99_us").asLong()).isLessThanOrEqualTo(destination.get("max_us").asLong());
        String lastOutcome = attempts.get(attempts.size() - 1).outcome();
        assertThat(destination.at("/last/result").asText())
                .isEqualTo(lastOutcome.equals("refused") ? "ECONNREFUSED" : lastOutcome);
        assertThat(destination.at("/last_failure/result").asText()).isEqualTo("ECONNREFUSED");
        // the agent's clock is the wall clock as its recorder read it once, then counted on: a few ms apart at most
        assertThat(Instant.parse(destination.at("/last_failure/time").asText()))
                .isBetween(resumed.minusMillis(100), paused.plusMillis(100))
                .isBeforeOrEqualTo(Instant.parse(destination.at("/last/time").asText()));

        InjectorRun human = injector.run("status", Long.toString(loop.pid()));
        assertThat(human.stdoutLines()).as(human.describe()).contains("  java.net.Socket.connect(SocketAddress, int)",
                "recording        nothing: connects are only counted");
        assertThat(human.stdoutLines()).as(human.describe()).anySatisfy(line -> assertThat(line).matches(
                "  127\\.0\\.0\\.1:" + loop.port() + "( \\(localhost\\))?\\s+attempts \\d+,"
                        + " p50 \\d+us, p99 \\d+us, max \\d+us; ECONNREFUSED \\d+; last failed \\d+(\\.\\d)?s ago"));
    }

    private JsonNode destination(JsonNode status) {
        for (JsonNode destination : status.get("destinations")) {
            if (destination.get("remote").asText().equals("127.0.0.1:" + loop.port())) {
                return destination;
            }
        }
        throw new AssertionError("no destination 127.0.0.1:" + loop.port() + " in " + status);
    }

    @Test
    @Order(5)
    void watchPrintsTheEventsTheTargetSaw() throws JsonProcessingException {
        InjectorRun watch = injector.run("watch", Long.toString(loop.pid()), "--json", "--count", "10");

        assertThat(watch.exitCode()).as(watch.describe()).isZero();
        assertThat(watch.stderrLines()).contains("connject: watched JVM " + loop.pid() + ": 10 events printed, 0 skipped");
        List<JsonNode> events = new ArrayList<>();
        for (String line : watch.stdoutLines()) {
            events.add(JSON.readTree(line));
        }
        assertThat(events).hasSize(10)
                .allSatisfy(event -> assertThat(event.get("remote").asText()).isEqualTo("127.0.0.1:" + loop.port()));
        // the first connected event's local address is unique to one attempt: it aligns the two logs
        int firstConnected = 0;
        while (!events.get(firstConnected).get("result").asText().equals("connected")) {
            firstConnected++;
        }
        String local = events.get(firstConnected).get("local").asText();
        // the target prints an attempt once its connect has returned, a little after connject recorded it
        int lastNumber = loop.awaitAttempt(attempt -> local.equals(attempt.local()), PATIENCE).number()
                - firstConnected + events.size() - 1;
        loop.awaitAttempt(attempt -> attempt.number() >= lastNumber, PATIENCE);
        List<LoopTarget.Attempt> attempts = loop.attempts();
        int aligned = 0;
        while (!local.equals(attempts.get(aligned).local())) {
            aligned++;
        }
        int offset = aligned - firstConnected;
        String logs = "events " + events.stream().map(event -> event.get("result").asText() + " " + event.get("local"))
                .toList() + ", attempts from the aligned one "
                + attempts.subList(Math.max(0, offset), Math.min(attempts.size(), offset + 12));
        for (int i = 0; i < events.size(); i++) {
            JsonNode event = events.get(i);
            LoopTarget.Attempt attempt = attempts.get(offset + i);
            assertThat(event.get("result").asText()).as("event %d, attempt %d: %s", i, attempt.number(), logs)
                    .isEqualTo(attempt.outcome().equals("refused") ? "ECONNREFUSED" : "connected");
            assertThat(event.get("injected").asBoolean()).as("event %d: %s", i, logs)
                    .isEqualTo(attempt.outcome().equals("refused"));
            if (attempt.local() != null) {
                assertThat(event.get("local").asText()).as("event %d: %s", i, logs).isEqualTo(attempt.local());
            }
        }

        InjectorRun human = injector.run("watch", Long.toString(loop.pid()), "--count", "4");

        assertThat(human.exitCode()).as(human.describe()).isZero();
        assertThat(human.stdoutLines()).hasSize(4).allSatisfy(line -> assertThat(line).matches(
                "\\d\\d:\\d\\d:\\d\\d\\.\\d{3} #\\d+ \\[main\\] socket tcp (localhost )?127\\.0\\.0\\.1:" + loop.port()
                        + " -> (connected \\d+us|ECONNREFUSED \\d+us injected by " + RulesFiles.REFUSING_RULE + ")"));
    }

    /**
     * The agent makes the events into lines for watches only while one holds a lease: once the
     * watches have ended, or been killed, the JVM only counts its connects again.
     */
    @Test
    @Order(6)
    void aWatchThatEndedOrWasKilledNoLongerHasTheEventsMade() {
        assertThat(status(loop).at("/recording/watchers").asInt()).as("after watches that ended").isZero();

        Injector.Started first = injector.start("watch", Long.toString(loop.pid()), "--json");
        Injector.Started second = injector.start("watch", Long.toString(loop.pid()));
        first.awaitStderr("watching JVM", PATIENCE);
        second.awaitStderr("watching JVM", PATIENCE);
        assertThat(status(loop).at("/recording/watchers").asInt()).isEqualTo(2);
        InjectorRun human = injector.run("status", Long.toString(loop.pid()));
        assertThat(human.stdoutLines()).as(human.describe()).contains("recording        2 watches");

        first.kill();
        second.kill();
        Instant killed = Instant.now();
        Instant deadline = killed.plus(LEASE).plusSeconds(2);
        while (status(loop).at("/recording/watchers").asInt() > 0) {
            assertThat(Instant.now()).as("the watches' leases should have run out").isBefore(deadline);
            Injector.sleep(Duration.ofMillis(200));
        }
        human = injector.run("status", Long.toString(loop.pid()));
        assertThat(human.stdoutLines()).as(human.describe())
                .contains("recording        nothing: connects are only counted");
    }

    @Test
    @Order(7)
    void applyingAnInvalidFileExitsTwoAndLeavesTheRulesInForce() {
        Path invalid = RulesFiles.write(directory, "invalid.yaml", """
                version: 1
                rules:
                  - name: broken
                    match:
                      port: not-a-port
                    fault:
                      errno: ECONNFUSED
                """);

        InjectorRun apply = injector.run("apply", Long.toString(loop.pid()), invalid.toString());

        assertThat(apply.exitCode()).as(apply.describe()).isEqualTo(2);
        assertThat(apply.stderrLines()).hasSize(3);
        assertThat(apply.stderrLines().get(0)).startsWith(invalid + ":5:13: ");
        assertThat(apply.stderrLines().get(1)).startsWith(invalid + ":7:14: ").contains("ECONNFUSED");
        assertThat(apply.stderrLines().get(2))
                .isEqualTo("connject: 2 problems in " + invalid + "; the rules in force in JVM " + loop.pid()
                        + " are unchanged");
        JsonNode before = status(loop);
        assertThat(before.get("rules_source").asText()).isEqualTo(rules.toString());
        Injector.sleep(Duration.ofMillis(400));
        assertThat(rule(status(loop)).get("injected").asLong()).isGreaterThan(rule(before).get("injected").asLong());
    }

    @Test
    @Order(8)
    void detachRestoresTheClassesAndStopsInjecting() {
        lateClassBytes.witness("detach");

        InjectorRun detach = injector.run("detach", Long.toString(loop.pid()));
        int lastBefore = loop.lastAttempt();

        assertThat(detach.exitCode()).as(detach.describe()).isZero();
        assertThat(detach.stdout())
                .isEqualTo("connject detached from JVM " + loop.pid() + "; its JDK classes are as they were\n");
        // what the detach's own retransformation installed: every class connject had woven, as it was before
        Map<String, String> installedAtDetach = lateClassBytes.report("detach");
        originalBytes.forEach((type, original) -> {
            if (!original.equals(wovenBytes.get(type))) {
                assertThat(installedAtDetach).as("bytes of %s installed by detach", type).containsEntry(type, original);
            }
        });
        assertThat(lateClassBytes.capture("after-detach")).isEqualTo(originalBytes);
        LoopTarget.Attempt later = loop.awaitAttempt(attempt -> attempt.number() > lastBefore + 10, PATIENCE);
        assertThat(loop.attempts()).filteredOn(attempt -> attempt.number() > lastBefore && attempt.number() <= later.number())
                .allSatisfy(attempt -> assertThat(attempt.outcome()).isEqualTo("connected"));

        InjectorRun status = injector.run("status", Long.toString(loop.pid()));
        assertThat(status.exitCode()).as(status.describe()).isEqualTo(1);
        assertThat(status.stderrLines()).containsExactly("connject: JVM " + loop.pid() + " does not run connject",
                "connject: attach it first: java -jar connject.jar attach " + loop.pid() + " --rules FILE");
        assertThat(injector.run("list").stdoutLines()).anySatisfy(line -> assertThat(line).matches(row(loop.pid(), "no")));
    }

    @Test
    @Order(9)
    void attachingAfterDetachInjectsAgain() {
        InjectorRun attach = injector.run("attach", Long.toString(loop.pid()), "--rules", rules.toString());
        Instant returned = Instant.now();
        int lastBefore = loop.lastAttempt();

        assertThat(attach.exitCode()).as(attach.describe()).isZero();
        assertThat(attach.stdout()).contains(" attached to JVM " + loop.pid());
        loop.awaitAttempt(attempt -> attempt.number() > lastBefore && attempt.outcome().equals("refused"),
                FAULTS_VISIBLE.minus(Duration.between(returned, Instant.now())));
        assertThat(hooked(status(loop))).isEqualTo(hookedAtFirstAttach);
    }

    @Test
    @Order(10)
    void aJvmStartedWithTheAgentIsSteeredTheSameWay() {
        JsonNode atStart = status(preloaded);
        assertThat(atStart.get("attached").asBoolean()).isFalse();
        assertThat(atStart.get("rules_source").asText()).isEqualTo(preloadedRules.toString());
        Path refuseAll = RulesFiles.refusing(directory, "refuse-all.yaml", preloaded.port(), 1);

        InjectorRun apply = injector.run("apply", Long.toString(preloaded.pid()), refuseAll.toString());

        assertThat(apply.exitCode()).as(apply.describe()).isZero();
        assertThat(apply.stdout()).isEqualTo("JVM " + preloaded.pid() + ": 1 rule in force from " + refuseAll
                + ", mode inject\n");
        assertThat(apply.stderr()).isEqualTo("connject: JVM " + preloaded.pid() + " still follows " + preloadedRules
                + ": its next change replaces these rules\n");
        assertThat(status(preloaded).get("rules_source").asText()).isEqualTo(refuseAll.toString());
        assertNextAttemptsAre(preloaded, "refused");

        InjectorRun clear = injector.run("clear", Long.toString(preloaded.pid()));

        assertThat(clear.exitCode()).as(clear.describe()).isZero();
        assertThat(clear.stderr()).isEqualTo("connject: JVM " + preloaded.pid() + " still follows " + preloadedRules
                + ": its next change puts its rules in force again\n");
        assertThat(rule(status(preloaded))).isNull();
        assertNextAttemptsAre(preloaded, "connected");

        InjectorRun detach = injector.run("detach", Long.toString(preloaded.pid()));

        assertThat(detach.exitCode()).as(detach.describe()).isZero();
        InjectorRun status = injector.run("status", Long.toString(preloaded.pid()));
        assertThat(status.exitCode()).as(status.describe()).isEqualTo(1);
    }

    /** Waits for the next five attempts of {@code target} after now, and checks their outcome. */
    private static void assertNextAttemptsAre(LoopTarget target, String outcome) {
        int lastBefore = target.lastAttempt();
        target.awaitAttempt(attempt -> attempt.number() > lastBefore + 5, PATIENCE);
        assertThat(target.attempts()).filteredOn(attempt -> attempt.number() > lastBefore + 1)
                .allSatisfy(attempt -> assertThat(attempt.outcome()).isEqualTo(outcome));
    }

    /** The status once the agent has recorded every attempt it has seen start: its counts are final then. */
    private JsonNode settledStatus(LoopTarget target) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            JsonNode status = status(target);
            long recorded = 0;
            for (JsonNode count : status.get("results")) {
                recorded += count.asLong();
            }
            if ((recorded == status.get("attempts").asLong() && status.get("pending").asInt() == 0)
                    || Instant.now().isAfter(deadline)) {
                return status;
            }
            Injector.sleep(Duration.ofMillis(50));
        }
    }

    private JsonNode status(LoopTarget target) {
        InjectorRun status = injector.run("status", Long.toString(target.pid()), "--json");
        assertThat(status.exitCode()).as(status.describe()).isZero();
        try {
            return JSON.readTree(status.stdout());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode rule(JsonNode status) {
        return status.get("rules").get(0);
    }

    private static List<String> hooked(JsonNode status) {
        List<String> hooked = new ArrayList<>();
        status.get("hooked").forEach(method -> hooked.add(method.asText()));
        return hooked;
    }

    private static String row(long pid, String connject) {
        return pid + "\\s+" + connject + "\\s+\\S+\\s+" + Pattern.quote(ConnectLoop.class.getName());
    }
}
