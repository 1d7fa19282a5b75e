package dev.connject.injector.it;

import dev.connject.injector.app.ConnectLoop;
import dev.connject.testkit.ChildJvm;
import dev.connject.testkit.RunningJvm;
import java.time.Duration;

/** A {@link ConnectLoop} started with {@code --idle}: a JVM that only waits, for the attach failure tests. */
final class IdleTarget {

    private IdleTarget() {
    }

    /** Starts {@code jvm}, set up with its JDK and options, and returns once it runs its main class. */
    static RunningJvm start(ChildJvm jvm) {
        RunningJvm running = jvm.classpath(LoopTarget.CLASSES).mainClass(ConnectLoop.class.getName()).args("--idle")
                .start();
        running.awaitStdoutLine(line -> line.startsWith("ready"), Duration.ofSeconds(20));
        return running;
    }
}
