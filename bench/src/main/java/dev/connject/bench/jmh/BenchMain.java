package dev.connject.bench.jmh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks with what each needs in its forked JVM, and prints their summary:
 * <ul>
 *   <li>{@code hook-path BOOT_CLASSES}: the hook path, connject's classes of {@code java.base}
 *       patched in, its cost and allocation per connect, and beside it what a reading of the clock
 *       costs, which the hooks make twice a connect, and once more where a rule is for its port;</li>
 *   <li>{@code connects AGENT_JAR}: whole connects in a JVM without the agent and in one with it,
 *       as ratios. Its class path must not hold connject's classes: the forks inherit it, and the
 *       agent would find them there rather than in its jar.</li>
 * </ul>
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] arguments) throws Exception {
        if (arguments[0].equals("hook-path")) {
            hookPath(Path.of(arguments[1]).toAbsolutePath().toString());
        } else {
            connects(Path.of(arguments[1]).toAbsolutePath().toString());
        }
    }

    private static void hookPath(String bootClasses) throws Exception {
        Collection<RunResult> results = new Runner(common(HookPathBenchmark.class.getName())
                .jvmArgsAppend("--patch-module", "java.base=" + bootClasses,
                        "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED",
                        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                        // as the agent opens it to itself, for reading callers from backtraces
                        "--add-opens", "java.base/java.lang=ALL-UNNAMED")
                .build()).run();
        RunResult clock = new Runner(common(ClockBenchmark.class.getName()).build()).runSingle();
        System.out.printf("%nhook path, per connect (HookPathBenchmark):%n");
        for (RunResult result : results) {
            System.out.printf("  rules=%-20s sink=%-15s %8.1f ns %8.0f B%n", result.getParams().getParam("rules"),
                    result.getParams().getParam("sink"), result.getPrimaryResult().getScore(), allocated(result));
        }
        System.out.printf("  each row reads the clock twice, three times with a rule for the port,"
                + " at %.1f ns a reading (ClockBenchmark)%n", clock.getPrimaryResult().getScore());
    }

    private static void connects(String agent) throws Exception {
        Path rules = Files.createTempFile("connject-bench", ".yaml");
        Files.writeString(rules, "version: 1\nrules:\n  - name: refuse\n    match:\n      port: "
                + ConnectBenchmark.INJECTED_PORT + "\n    fault:\n      errno: ECONNREFUSED\n      delivery: sync\n");
        Files.setPosixFilePermissions(rules, PosixFilePermissions.fromString("rw-------"));
        Collection<RunResult> withoutAgent = new Runner(
                common(ConnectBenchmark.class.getName() + ".realLoopbackConnect").build()).run();
        Collection<RunResult> withAgent = new Runner(common(ConnectBenchmark.class.getName())
                .jvmArgsAppend("-javaagent:" + agent + "=rules=" + rules + ",log=warn")
                .build()).run();
        double baseline = score(withoutAgent, "realLoopbackConnect");
        System.out.printf("%nwhole connects through java.net.Socket (ConnectBenchmark):%n");
        System.out.printf("  %-50s %10.0f ns%n", "real loopback connect, no agent", baseline);
        System.out.printf("  %-50s %10.0f ns  ratio %.3f%n", "real loopback connect, connject (a rule elsewhere)",
                score(withAgent, "realLoopbackConnect"), score(withAgent, "realLoopbackConnect") / baseline);
        System.out.printf("  %-50s %10.0f ns  ratio %.3f%n", "injected ECONNREFUSED, connject",
                score(withAgent, "injectedRefusal"), score(withAgent, "injectedRefusal") / baseline);
    }

    private static ChainedOptionsBuilder common(String include) {
        return new OptionsBuilder().include(include).forks(1).warmupIterations(3).warmupTime(TimeValue.seconds(2))
                .measurementIterations(5).measurementTime(TimeValue.seconds(2)).addProfiler(GCProfiler.class);
    }

    private static double score(Collection<RunResult> results, String method) {
        return results.stream().filter(result -> result.getParams().getBenchmark().endsWith("." + method))
                .findFirst().orElseThrow().getPrimaryResult().getScore();
    }

    private static double allocated(RunResult result) {
        return result.getSecondaryResults().get("gc.alloc.rate.norm").getScore();
    }
}
