package dev.connject.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The whole-process benchmark: whole JVMs, with and without the agent, on the same workloads,
 * runs interleaved so that a drift of the machine hits every configuration alike, medians
 * compared. Prints connject's costs as ratios to the same run without it:
 * <ul>
 *   <li>a loopback connect-and-close loop, recording with each sink, and from a deep stack, in wall
 *       time and in the CPU time of all the process's threads;</li>
 *   <li>the start of a trivial JVM;</li>
 *   <li>peak resident memory while tracing 10,000 connects a second, and the heap allocated per
 *       connect.</li>
 * </ul>
 * Usage: {@code WholeProcess AGENT_JAR NOOP_AGENT_JAR BENCH_JAR [JAVA] [RUNS]}.
 */
public final class WholeProcess {

    private static final int WARM_UP = 100_000;
    private static final int MEASURED = 100_000;
    private static final int STARTS = 21;
    /** Connects made 150 frames below main, where a Throwable's backtrace costs more than a stack walk. */
    private static final String DEEP = "150 frames deep: ";
    private static final String DEEP_STACK = "-Dbench.depth=150";
    private static final String NO_AGENT = "no agent";
    private static final String NO_AGENT_JFR = "no agent, JFR recording";
    private static final String SIZED_HEAP = "64m";

    private final Path agent;
    private final Path noopAgent;
    private final Path benchJar;
    private final String java;
    private final int runs;
    private final ScratchDirectory scratch;

    private WholeProcess(Path agent, Path noopAgent, Path benchJar, String java, int runs, ScratchDirectory scratch) {
        this.agent = agent;
        this.noopAgent = noopAgent;
        this.benchJar = benchJar;
        this.java = java;
        this.runs = runs;
        this.scratch = scratch;
    }

    public static void main(String[] arguments) throws Exception {
        String java = arguments.length > 3 ? arguments[3] : "java";
        try (ScratchDirectory scratch = ScratchDirectory.create()) {
            WholeProcess bench = new WholeProcess(Path.of(arguments[0]), Path.of(arguments[1]), Path.of(arguments[2]),
                    java, arguments.length > 4 ? Integer.parseInt(arguments[4]) : 7, scratch);
            System.out.println("whole-process benchmark: " + javaVersion(java) + ", "
                    + Runtime.getRuntime().availableProcessors() + " cores");
            bench.connectLoop();
            bench.startUp();
            bench.residentMemory();
        }
    }

    private void connectLoop() throws Exception {
        Path jsonl = scratch.resolve("events.jsonl");
        Map<String, List<String>> configurations = recordingConfigurations(jsonl);
        configurations.put("connject, JFR recording, event setting caller=all",
                List.of(javaagent(null), jfrRecording() + ",+dev.connject.Connect#caller=all"));
        configurations.put(DEEP + NO_AGENT, List.of(DEEP_STACK));
        List<String> deepJsonl = new ArrayList<>(configurations.get("connject, JSONL sink"));
        deepJsonl.add(DEEP_STACK);
        configurations.put(DEEP + "connject, JSONL sink", deepJsonl);
        Map<String, long[]> medians = interleaved(configurations, runs, jsonl, arguments -> {
            String line = runJava(arguments, "dev.connject.bench.ConnectLoop", Integer.toString(WARM_UP),
                    Integer.toString(MEASURED));
            return new long[] {field(line, "ns_per_connect"), field(line, "cpu_ns_per_connect")};
        });
        System.out.printf("%nloopback connect+close, %,d measured after %,d warm-up, median of %d interleaved runs:%n",
                MEASURED, WARM_UP, runs);
        System.out.printf("  %-52s %11s %7s %11s %7s%n", "configuration", "ns/connect", "ratio", "CPU ns", "ratio");
        for (Map.Entry<String, long[]> result : medians.entrySet()) {
            long[] reference = medians.get(baseline(result.getKey()));
            long[] measured = result.getValue();
            System.out.printf("  %-52s %,11d %7.3f %,11d %7.3f%n", result.getKey(), measured[0],
                    (double) measured[0] / reference[0], measured[1], (double) measured[1] / reference[1]);
        }
        System.out.println("  (the ratio of a JFR configuration is to '" + NO_AGENT_JFR + "', of a deep one to '"
                + DEEP + NO_AGENT + "'; CPU: the time all the process's threads spent, per connect)");
    }

    private void startUp() throws Exception {
        Path rules = scratch.rules(
                "rules:\n  - name: refuse\n    match:\n      port: 9\n    fault:\n      errno: ECONNREFUSED\n");
        Map<String, List<String>> configurations = new LinkedHashMap<>();
        configurations.put(NO_AGENT, List.of());
        configurations.put("a no-op agent", List.of("-javaagent:" + noopAgent));
        configurations.put("connject, no options", List.of(javaagent(null)));
        configurations.put("connject, a rules file", List.of(javaagent("rules=" + rules)));
        configurations.put("connject, a rules file of 100 rules",
                List.of(javaagent("rules=" + scratch.rules(hundredRules()))));
        Map<String, long[]> medians = interleaved(configurations, STARTS, null, arguments -> {
            long start = System.nanoTime();
            runJava(arguments, "dev.connject.bench.Trivial");
            return new long[] {TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start)};
        });
        System.out.printf("%nstart-up of a trivial JVM, median of %d interleaved runs:%n", STARTS);
        for (Map.Entry<String, long[]> result : medians.entrySet()) {
            System.out.printf("  %-34s %8.1f ms   %+7.1f ms%n", result.getKey(), result.getValue()[0] / 1000.0,
                    (result.getValue()[0] - medians.get(NO_AGENT)[0]) / 1000.0);
        }
    }

    /** A large rules file: 100 rules of 8 lines, each with a host pattern, a port and a probability. */
    private static String hundredRules() {
        StringBuilder rules = new StringBuilder("rules:\n");
        for (int i = 0; i < 100; i++) {
            rules.append("  - name: refuse-").append(i)
                    .append("\n    match:\n      host: 'svc-").append(i).append(".*.example'\n      port: ")
                    .append(10_000 + i)
                    .append("\n    fault:\n      errno: ECONNREFUSED\n    when:\n      probability: 0.5\n");
        }
        return rules.toString();
    }

    /**
     * Peak resident memory twice: with the JVM's default heap for 3 s, where what the run allocates
     * decides how much of the young generation is touched before a collection; and with a heap
     * sized at {@value #SIZED_HEAP}, as a service's is, for 10 s, long enough for several young
     * collections in every configuration, so that what remains is mostly connject's own memory.
     */
    private void residentMemory() throws Exception {
        Path jsonl = scratch.resolve("rss.jsonl");
        Map<String, List<String>> configurations = recordingConfigurations(jsonl);
        printMemory("default heap, 10,000 connects a second for 3 s",
                interleaved(configurations, runs, jsonl, arguments -> memory(arguments, 30_000)));
        Map<String, List<String>> sized = new LinkedHashMap<>();
        configurations.forEach((name, arguments) -> {
            List<String> withHeap = new ArrayList<>(List.of("-Xms" + SIZED_HEAP, "-Xmx" + SIZED_HEAP));
            withHeap.addAll(arguments);
            sized.put(name, withHeap);
        });
        printMemory("heap of " + SIZED_HEAP + ", 10,000 connects a second for 10 s",
                interleaved(sized, runs, jsonl, arguments -> memory(arguments, 100_000)));
    }

    private long[] memory(List<String> arguments, int connects) throws Exception {
        String line = runJava(arguments, "dev.connject.bench.ConnectLoop", "1000", Integer.toString(connects), "10000");
        return new long[] {field(line, "peak_rss_kb"), field(line, "bytes_per_connect")};
    }

    private void printMemory(String workload, Map<String, long[]> medians) {
        System.out.printf("%npeak resident memory and heap allocated by all threads, %s, "
                + "median of %d interleaved runs:%n", workload, runs);
        for (Map.Entry<String, long[]> result : medians.entrySet()) {
            long[] reference = medians.get(baseline(result.getKey()));
            long[] measured = result.getValue();
            System.out.printf("  %-34s %,10d KiB   %+7.1f MiB   %,6d B/connect   %+6d B%n", result.getKey(),
                    measured[0], (measured[0] - reference[0]) / 1024.0, measured[1], measured[1] - reference[1]);
        }
    }

    /**
     * No agent, and connject recording with each sink setting, writing JSON Lines to {@code jsonl};
     * a JFR recording with and without connject.
     */
    private Map<String, List<String>> recordingConfigurations(Path jsonl) throws IOException {
        Map<String, List<String>> configurations = new LinkedHashMap<>();
        configurations.put(NO_AGENT, List.of());
        configurations.put("connject, no options (no sink)", List.of(javaagent(null)));
        configurations.put("connject, JSONL sink",
                List.of(javaagent("rules=" + scratch.rules("record:\n  jsonl: " + jsonl + "\n"))));
        configurations.put("connject, JSONL, caller: failures",
                List.of(javaagent("rules=" + scratch.rules("record:\n  jsonl: " + jsonl + "\n  caller: failures\n"))));
        configurations.put(NO_AGENT_JFR, List.of(jfrRecording()));
        configurations.put("connject, JFR recording", List.of(javaagent(null), jfrRecording()));
        return configurations;
    }

    private String jfrRecording() {
        return "-XX:StartFlightRecording=filename=" + scratch.resolve("bench.jfr") + ",settings=default";
    }

    /** What a configuration is compared with: the same run without connject. */
    private static String baseline(String configuration) {
        if (configuration.contains("JFR")) {
            return NO_AGENT_JFR;
        }
        return configuration.startsWith(DEEP) ? DEEP + NO_AGENT : NO_AGENT;
    }

    /**
     * Measures each configuration {@code runs} times, the configurations taking turns so that a
     * drift of the machine hits them alike, and returns the median of each of a configuration's
     * measured values.
     *
     * @param scratchFile deleted before each run, or {@code null}
     */
    private static Map<String, long[]> interleaved(Map<String, List<String>> configurations, int runs,
                                                   Path scratchFile, Measurement measurement) throws Exception {
        Map<String, List<long[]>> results = new LinkedHashMap<>();
        for (int run = 0; run < runs; run++) {
            for (Map.Entry<String, List<String>> configuration : configurations.entrySet()) {
                if (scratchFile != null) {
                    Files.deleteIfExists(scratchFile);
                }
                results.computeIfAbsent(configuration.getKey(), key -> new ArrayList<>())
                        .add(measurement.measure(configuration.getValue()));
            }
        }
        Map<String, long[]> medians = new LinkedHashMap<>();
        results.forEach((configuration, values) -> {
            long[] median = new long[values.get(0).length];
            for (int i = 0; i < median.length; i++) {
                int value = i;
                median[i] = median(values.stream().map(measured -> measured[value]).collect(Collectors.toList()));
            }
            medians.put(configuration, median);
        });
        return medians;
    }

    /** One run of one configuration, given its JVM arguments: the values it measured. */
    @FunctionalInterface
    private interface Measurement {
        long[] measure(List<String> jvmArguments) throws Exception;
    }

    private String javaagent(String options) {
        return "-javaagent:" + agent + (options == null ? "" : "=" + options);
    }

    /** The first line {@code java -version} prints. */
    static String javaVersion(String java) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
        String first = new String(process.getInputStream().readAllBytes()).lines().findFirst().orElse("?");
        process.waitFor();
        return first;
    }

    private String runJava(List<String> jvmArguments, String mainClass, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(java, "-Xshare:auto"));
        command.addAll(jvmArguments);
        command.addAll(List.of("-cp", benchJar.toString(), mainClass));
        command.addAll(Arrays.asList(arguments));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("failed: " + command);
        }
        // the last line: JFR announces its recording on stdout before it
        String[] lines = output.trim().split("\n");
        return lines[lines.length - 1];
    }

    private static long field(String line, String name) {
        for (String part : line.split(" ")) {
            if (part.startsWith(name + "=")) {
                return Long.parseLong(part.substring(name.length() + 1));
            }
        }
        throw new IllegalStateException("no " + name + " in: " + line);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
