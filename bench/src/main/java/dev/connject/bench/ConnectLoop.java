package dev.connject.bench;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * A loopback connect-and-close loop, the workload of the whole-process benchmark: warms up, then
 * times a number of connects and prints the mean in nanoseconds, the CPU time all of the process's
 * threads spent meanwhile and the heap they allocated, per connect, and the process's peak
 * resident memory. With a rate, it paces itself to that many connects a second; with
 * {@code -Dbench.depth=N}, it connects from N frames below {@code main}, as a service's request
 * threads do from deep stacks.
 *
 * <p>Usage: {@code ConnectLoop WARM_UP MEASURED [CONNECTS_PER_SECOND]}.
 */
public final class ConnectLoop {

    private ConnectLoop() {
    }

    public static void main(String[] arguments) throws Exception {
        int warmUp = Integer.parseInt(arguments[0]);
        int measured = Integer.parseInt(arguments[1]);
        long rate = arguments.length > 2 ? Long.parseLong(arguments[2]) : 0;
        int depth = Integer.getInteger("bench.depth", 0);
        LoopbackTarget target = LoopbackTarget.start();
        OperatingSystemMXBean system = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        connect(target, warmUp, rate, depth);
        long start = System.nanoTime();
        long cpuStart = system.getProcessCpuTime();
        long allocatedStart = allocatedBytes();
        connect(target, measured, rate, depth);
        long allocated = allocatedBytes() - allocatedStart;
        long cpu = system.getProcessCpuTime() - cpuStart;
        long elapsed = System.nanoTime() - start;
        System.out.println("ns_per_connect=" + elapsed / measured + " cpu_ns_per_connect=" + cpu / measured
                + " bytes_per_connect=" + allocated / measured + " peak_rss_kb=" + peakResidentKilobytes());
    }

    private static void connect(LoopbackTarget target, int count, long rate, int depth) throws IOException {
        if (depth > 0) {
            connect(target, count, rate, depth - 1);
            return;
        }
        long interval = rate > 0 ? 1_000_000_000L / rate : 0;
        long next = System.nanoTime();
        for (int i = 0; i < count; i++) {
            target.connectAndClose();
            if (interval > 0) {
                next += interval;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        }
    }

    /** What the threads alive now have allocated on the heap, all told. */
    private static long allocatedBytes() {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long total = 0;
        for (long allocated : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            total += Math.max(0, allocated);
        }
        return total;
    }

    private static long peakResidentKilobytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
