package dev.connject.injector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class JavaCommandLineTest {

    @Test
    void theMainClassFollowsTheOptionsAndTheirValues() {
        JavaCommandLine line = JavaCommandLine.parse(List.of("/usr/bin/java", "-Xmx1g", "-cp", "a.jar:b.jar",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-XX:+DisableAttachMechanism", "com.example.Main",
                "-cp", "argument"));

        assertThat(line.main()).isEqualTo("com.example.Main");
        assertThat(line.hasJvmOption("-XX:+DisableAttachMechanism")).isTrue();
        assertThat(line.hasJvmOption("argument")).isFalse();
    }

    @Test
    void aJarOrAModuleIsWhatRuns() {
        assertThat(JavaCommandLine.parse(List.of("java", "-jar", "app.jar", "x")).main()).isEqualTo("app.jar");
        assertThat(JavaCommandLine.parse(List.of("java", "-m", "app/com.example.Main")).main())
                .isEqualTo("app/com.example.Main");
        assertThat(JavaCommandLine.parse(List.of("java", "--module=app/com.example.Main")).main())
                .isEqualTo("app/com.example.Main");
    }

    @Test
    void optionsAfterTheMainClassAreTheApplicationsOwn() {
        JavaCommandLine line = JavaCommandLine.parse(List.of("java", "Main", "-XX:+DisableAttachMechanism"));

        assertThat(line.hasJvmOption("-XX:+DisableAttachMechanism")).isFalse();
    }
}
