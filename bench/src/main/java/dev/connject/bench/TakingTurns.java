package dev.connject.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * connject's cost on the loopback connect loop once everything is warm, measured finely enough
 * for targets of a few percent. On a shared machine the loop's speed drifts by several percent
 * within a second, so separate runs, even interleaved, differ by more than what is measured. Here
 * two JVMs, one with connject and one without, both warmed up past JIT compilation and JFR's first
 * chunk rotation, take turns at short blocks of connects, in the order ABBA, then BAAB: what the
 * machine does meanwhile hits both alike, and each cycle gives one ratio. A JVM's own luck (its
 * code layout, its compilations) does not cancel that way, so each comparison is made with several
 * pairs of JVMs, and the first comparison is of two JVMs without connject, which shows the error
 * of the method itself.
 *
 * <p>Prints, per comparison: the geometric mean of all cycles' ratios with an interval of two
 * standard errors, their median and quartiles, and each pair's geometric mean.
 *
 * <p>Given another build's agent jar, each comparison is of the two builds, that one with the same
 * options as the reference, so that a change to connject is measured on its own.
 *
 * <p>Usage: {@code TakingTurns AGENT_JAR BENCH_JAR [JAVA] [CYCLES_PER_PAIR] [OTHER_AGENT_JAR]}.
 */
public final class TakingTurns {

    /** 200,000 connects: beyond the first 12 MB chunk of a JFR recording of them, which costs recompilations once. */
    private static final int WARM_UP = 200_000;
    private static final int BLOCK = 5_000;
    private static final int PAIRS = 3;
    /** A tracer's sampling: successful connects left out of the file cost no stack read. */
    private static final String SAMPLE = "  sample: 0.01\n";

    private final String java;
    private final Path benchJar;
    private final ScratchDirectory scratch;

    private TakingTurns(String java, Path benchJar, ScratchDirectory scratch) {
        this.java = java;
        this.benchJar = benchJar;
        this.scratch = scratch;
    }

    public static void main(String[] arguments) throws Exception {
        String agent = "-javaagent:" + Path.of(arguments[0]).toAbsolutePath();
        String java = arguments.length > 2 ? arguments[2] : "java";
        int cycles = arguments.length > 3 ? Integer.parseInt(arguments[3]) : 60;
        String other = arguments.length > 4 ? "-javaagent:" + Path.of(arguments[4]).toAbsolutePath() : null;
        String against = other == null ? "no agent" : "other build";
        try (ScratchDirectory scratch = ScratchDirectory.create()) {
            TakingTurns turns = new TakingTurns(java, Path.of(arguments[1]), scratch);
            Path events = scratch.resolve("events.jsonl");
            Path rules = scratch.rules(jsonl(events));
            Path otherRules = scratch.rules(jsonl(scratch.resolve("other-events.jsonl")));
            Path sampled = scratch.rules(jsonl(scratch.resolve("sampled-events.jsonl")) + SAMPLE);
            Path otherSampled = scratch.rules(jsonl(scratch.resolve("other-sampled-events.jsonl")) + SAMPLE);
            String recording = "-XX:StartFlightRecording=settings=default,filename=";
            String recordingWithout = recording + scratch.resolve("without.jfr");
            String recordingWith = recording + scratch.resolve("with.jfr");
            System.out.printf("connject's cost, connect loop in turns: %,d connects a block, %d cycles in each of %d"
                    + " pairs of JVMs, %s%s%n", BLOCK, cycles, PAIRS, WholeProcess.javaVersion(java),
                    other == null ? "" : ", against " + arguments[4]);
            // the method's own error: two JVMs alike
            turns.compare("no agent / no agent", List.of(), List.of(), cycles);
            turns.compare("connject, no options / " + against, withOther(other, "=log=off"),
                    List.of(agent + "=log=off"), cycles);
            turns.compare("connject, JSON Lines sink / " + against, withOther(other, "=rules=" + otherRules + ",log=off"),
                    List.of(agent + "=rules=" + rules + ",log=off"), cycles);
            // a rules file connject refused would leave a subject that writes nothing, measured as the sink
            if (!Files.exists(events) || Files.size(events) == 0) {
                throw new IllegalStateException("connject wrote no JSON Lines to " + events);
            }
            turns.compare("connject, JSON Lines, 1% of successes / " + against,
                    withOther(other, "=rules=" + otherSampled + ",log=off"),
                    List.of(agent + "=rules=" + sampled + ",log=off"), cycles);
            List<String> reference = new ArrayList<>(withOther(other, "=log=off"));
            reference.add(recordingWithout);
            turns.compare("connject, JFR recording / " + (other == null ? "JFR recording" : against), reference,
                    List.of(agent + "=log=off", recordingWith), cycles);
        }
    }

    private static String jsonl(Path events) {
        return "record:\n  jsonl: " + events + "\n  jsonl_max: 64MB\n  jsonl_keep: 1\n";
    }

    /** The reference's agent: none, or the other build with the same options. */
    private static List<String> withOther(String other, String options) {
        return other == null ? List.of() : List.of(other + options);
    }

    private void compare(String label, List<String> reference, List<String> subject, int cycles) throws Exception {
        List<Double> logRatios = new ArrayList<>();
        List<String> pairMeans = new ArrayList<>();
        for (int pair = 0; pair < PAIRS; pair++) {
            try (Worker a = new Worker(reference, "without"); Worker b = new Worker(subject, "with")) {
                a.block(WARM_UP);
                b.block(WARM_UP);
                double pairSum = 0;
                for (int cycle = 0; cycle < cycles; cycle++) {
                    long without;
                    long with;
                    if (cycle % 2 == 0) {
                        without = a.block(BLOCK);
                        with = b.block(BLOCK) + b.block(BLOCK);
                        without += a.block(BLOCK);
                    } else {
                        with = b.block(BLOCK);
                        without = a.block(BLOCK) + a.block(BLOCK);
                        with += b.block(BLOCK);
                    }
                    double logRatio = Math.log((double) with / without);
                    logRatios.add(logRatio);
                    pairSum += logRatio;
                }
                pairMeans.add(String.format("%.3f", Math.exp(pairSum / cycles)));
            }
        }
        double[] sorted = logRatios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double mean = Arrays.stream(sorted).average().orElseThrow();
        double variance = Arrays.stream(sorted).map(x -> (x - mean) * (x - mean)).sum() / (sorted.length - 1);
        double twoErrors = 2 * Math.sqrt(variance / sorted.length);
        System.out.printf("  %-42s geometric mean %.3f (%.3f-%.3f), median %.3f, quartiles %.3f-%.3f, pairs %s%n",
                label, Math.exp(mean), Math.exp(mean - twoErrors), Math.exp(mean + twoErrors),
                Math.exp(sorted[sorted.length / 2]), Math.exp(sorted[sorted.length / 4]),
                Math.exp(sorted[3 * sorted.length / 4]), String.join(" ", pairMeans));
    }

    /** One JVM of a pair, running {@link ConnectOnRequest}. */
    private final class Worker implements AutoCloseable {
        private final List<String> command = new ArrayList<>();
        private final Process process;
        private final Path errors;
        private final PrintWriter requests;
        private final BufferedReader answers;

        Worker(List<String> jvmArguments, String name) throws IOException {
            command.add(java);
            command.addAll(jvmArguments);
            command.addAll(List.of("-cp", benchJar.toString(), ConnectOnRequest.class.getName()));
            errors = scratch.resolve(name + ".err");
            process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            requests = new PrintWriter(process.getOutputStream(), true, StandardCharsets.US_ASCII);
            answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        }

        /** Makes the JVM connect {@code count} times; answers the mean in nanoseconds. */
        long block(int count) throws IOException, InterruptedException {
            requests.println(count);
            // JFR announces its recording on standard output
            for (String line = answers.readLine(); line != null; line = answers.readLine()) {
                if (line.startsWith("block_ns=")) {
                    return Long.parseLong(line.substring("block_ns=".length()));
                }
            }
            throw new IOException(String.join(" ", command) + " ended with exit code " + process.waitFor() + ":\n"
                    + Files.readString(errors));
        }

        /** Ends the JVM's input, which ends it; one that does not end is killed. */
        @Override
        public void close() {
            requests.close();
            try {
                if (process.waitFor(30, TimeUnit.SECONDS)) {
                    return;
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
        }
    }
}
