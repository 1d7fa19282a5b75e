package dev.connject.bench.jmh;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH benchmarks with what each needs in its forked JVM: the hook path with connject's
 * classes of {@code java.base} patched in, the whole connects with the agent itself.
 *
 * <p>Usage: {@code BenchMain BOOT_CLASSES AGENT_JAR}.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] arguments) throws Exception {
        String bootClasses = Path.of(arguments[0]).toAbsolutePath().toString();
        String agent = Path.of(arguments[1]).toAbsolutePath().toString();
        Path rules = Files.createTempFile("connject-bench", ".yaml");
        Files.writeString(rules, "version: 1\nrules:\n  - name: refuse\n    match:\n      port: "
                + ConnectBenchmark.INJECTED_PORT + "\n    fault:\n      errno: ECONNREFUSED\n      delivery: sync\n");
        Files.setPosixFilePermissions(rules, PosixFilePermissions.fromString("rw-------"));
        new Runner(common(HookPathBenchmark.class)
                .jvmArgsAppend("--patch-module", "java.base=" + bootClasses,
                        "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED",
                        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED")
                .build()).run();
        new Runner(common(ConnectBenchmark.class)
                .jvmArgsAppend("-javaagent:" + agent + "=rules=" + rules + ",log=warn")
                .build()).run();
    }

    private static org.openjdk.jmh.runner.options.ChainedOptionsBuilder common(Class<?> benchmark) {
        return new OptionsBuilder().include(benchmark.getName()).forks(1).warmupIterations(3).warmupTime(
                org.openjdk.jmh.runner.options.TimeValue.seconds(2)).measurementIterations(5)
                .measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(2)).addProfiler(GCProfiler.class);
    }
}
