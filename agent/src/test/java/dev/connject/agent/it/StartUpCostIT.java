package dev.connject.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.connject.testkit.ChildJvm;
import dev.connject.testkit.ExitedJvm;
import dev.connject.testkit.Jdk;
import dev.connject.testkit.RulesFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What connject costs a JVM that loads it at start with a rules file, in the two ways that were
 * found to cost it most and are easy to bring back unawares:
 * <ul>
 *   <li>Retransforming a JDK connect class that is already loaded costs about 25 ms (JDK 25,
 *       {@code SocketChannelImpl}); so nothing connject does before its hooks are in place,
 *       reading the rules file included, may load one of them.</li>
 *   <li>Each lambda of connject's own that runs before the application's {@code main} costs the
 *       generation of a class; the rules reader had 30, 12 ms of the start on JDK 25.</li>
 * </ul>
 * Both are read from the JVM's class loading log, with a rules file that uses every section.
 */
class StartUpCostIT {

    private static final String MAIN = "dev.connject.probe.QuietConnects";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void readingTheRulesFileRetransformsNoClass(Jdk jdk, @TempDir Path directory) throws IOException {
        List<String> loads = classesLoadedWithRules(jdk, directory);

        assertThat(loads).as("the application's Socket, woven as it loads")
                .anyMatch(line -> line.contains(" java.net.Socket source:"));
        assertThat(loads.stream().filter(line -> line.contains("source: __VM_RedefineClasses__")))
                .as("classes loaded again by a retransformation").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.connject.testkit.Jdks#forJUnit")
    void startingWithRulesSpinsNoLambdaOfConnjects(Jdk jdk, @TempDir Path directory) throws IOException {
        List<String> loads = classesLoadedWithRules(jdk, directory);
        int main = indexOf(loads, " " + MAIN + " source:");

        assertThat(loads.subList(0, main).stream()
                .filter(line -> line.contains(" dev.connject.") && !line.contains(" dev.connject.shaded."))
                .filter(line -> line.contains("$$Lambda")))
                .as("lambda classes of connject's own made before the application's main").isEmpty();
    }

    /** The lines of {@code -Xlog:class+load} of a run of {@link #MAIN} with connject and a rules file that uses every section. */
    private static List<String> classesLoadedWithRules(Jdk jdk, Path directory) throws IOException {
        Path rules = RulesFile.write(directory.resolve("rules.yaml"), String.join("\n",
                "version: 1",
                "mode: inject",
                "seed: 7",
                "record:",
                "  jsonl: " + directory.resolve("events.jsonl"),
                "  jsonl_max: 1MB",
                "  jsonl_keep: 2",
                "  stack: 2",
                "  caller: failures",
                "  sample: 0.5",
                "rules:",
                "  - name: refused",
                "    match:",
                "      host: [localhost, \"10.0.0.0/8\"]",
                "      port: [9, 8000-8999]",
                "      protocol: tcp",
                "      api: [socket, channel]",
                "      caller: \"dev.connject.probe.**\"",
                "      thread: \"worker-*\"",
                "    fault:",
                "      errno: ECONNREFUSED",
                "      delivery: sync",
                "    when:",
                "      probability: 0.5",
                "      skip: 1",
                "      every: 2",
                "      times: 10",
                "      from: 0s",
                "      for: 1h",
                "  - name: slow",
                "    match:",
                "      path: \"/run/*.sock\"",
                "      protocol: unix",
                "    fault:",
                "      delay: 10ms-20ms",
                "  - name: silent",
                "    match:",
                "      port: 9",
                "    fault:",
                "      timeout: 1s",
                ""));
        Path classLog = directory.resolve("classes.log");

        ExitedJvm jvm = ChildJvm.on(jdk).jvmArgs("-Xlog:class+load=info:file=" + classLog)
                .javaagent(Probe.AGENT, "rules=" + rules).classpath(Probe.CLASSES)
                .mainClass(MAIN).run(Duration.ofSeconds(60)).assertSucceeded();

        assertThat(jvm.stderr()).contains("(3 rules, mode inject)");
        return Files.readAllLines(classLog);
    }

    private static int indexOf(List<String> lines, String fragment) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(fragment)) {
                return i;
            }
        }
        throw new AssertionError("no line with '" + fragment + "'");
    }
}
