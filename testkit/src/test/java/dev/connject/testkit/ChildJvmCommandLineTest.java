package dev.connject.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ChildJvm lays out its command line: wrappers outermost first, then java, its options, class path and main. */
class ChildJvmCommandLineTest {

    private static final Jdk JDK = new Jdk(Path.of("/opt/jdk"), 17, "17.0.15");

    @Test
    void nestsWrappersInCallOrderAroundJavaItsOptionsClassPathMainClassAndArguments() {
        ChildJvm child = ChildJvm.on(JDK)
                .wrappedBy(List.of("outer", "--"))
                .wrappedBy(List.of("inner"))
                .jvmArgs("-Xmx64m")
                .systemProperty("a", "1")
                .javaagent(Path.of("/agents/first.jar"), "rules=/r.yaml")
                .javaagent(Path.of("/agents/second.jar"), null)
                .classpath(Path.of("/classes"), Path.of("/lib/a.jar"))
                .classpath(List.of(Path.of("/lib/b.jar")))
                .mainClass("example.Main")
                .args("x", "y z");

        assertThat(child.command()).containsExactly(
                "outer", "--", "inner",
                "/opt/jdk/bin/java",
                "-javaagent:/agents/first.jar=rules=/r.yaml", "-javaagent:/agents/second.jar",
                "-Da=1",
                "-Xmx64m",
                "-cp", "/classes:/lib/a.jar:/lib/b.jar",
                "example.Main", "x", "y z");
    }

    @Test
    void leavesOutTheClassPathOptionWithoutEntries() {
        assertThat(ChildJvm.on(JDK).mainClass("example.Main").command())
                .containsExactly("/opt/jdk/bin/java", "example.Main");
    }

    @Test
    void refusesToMakeACommandWithoutMainClass() {
        assertThatThrownBy(() -> ChildJvm.on(JDK).args("x").command())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no main class");
    }
}
