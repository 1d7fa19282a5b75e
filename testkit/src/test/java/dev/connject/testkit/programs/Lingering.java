package dev.connject.testkit.programs;

import java.io.IOException;

/**
 * Starts a child process ({@code sleep}), prints {@code pid=PID} with its own process id, {@code child=PID}
 * with the child's and then {@code ready}, and waits forever: a process tree that only killing ends.
 */
public final class Lingering {

    private Lingering() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Process child = new ProcessBuilder("sleep", "600").start();
        System.out.println("pid=" + ProcessHandle.current().pid());
        System.out.println("child=" + child.pid());
        System.out.println("ready");
        Thread.sleep(Long.MAX_VALUE);
    }
}
