package dev.connject.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * One reading of the clock that times a connect. The hooks read it twice for each connect, where it
 * starts and where it ends, and once more where a rule is for its port, to know whether the rule is
 * active: a share of the hook path that no code of connject's can take off while connects are timed,
 * and that depends on the machine.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ClockBenchmark {

    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }
}
