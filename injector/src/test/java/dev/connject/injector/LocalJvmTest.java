package dev.connject.injector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LocalJvmTest {

    /** No JDK older than 17 is installed where the tests run, so the versions are those such JVMs report. */
    @Test
    void readsTheFeatureReleaseOfOldAndNewVersionStrings() {
        assertThat(LocalJvm.featureOf("1.8.0_412")).isEqualTo(OptionalInt.of(8));
        assertThat(LocalJvm.featureOf("1.8")).isEqualTo(OptionalInt.of(8));
        assertThat(LocalJvm.featureOf("11.0.23")).isEqualTo(OptionalInt.of(11));
        assertThat(LocalJvm.featureOf("17")).isEqualTo(OptionalInt.of(17));
        assertThat(LocalJvm.featureOf("25.0.1")).isEqualTo(OptionalInt.of(25));
        assertThat(LocalJvm.featureOf("unknown")).isEmpty();
    }

    @Test
    void namesTheSourceFileOfAProgramLaunchedFromOne() {
        assertThat(LocalJvm.mainOf("jdk.compiler/com.sun.tools.javac.launcher.Main Idle.java a b"))
                .isEqualTo("Idle.java");
        assertThat(LocalJvm.mainOf("jdk.compiler/com.sun.tools.javac.launcher.SourceLauncher /tmp/Idle.java"))
                .isEqualTo("/tmp/Idle.java");
        assertThat(LocalJvm.mainOf("com.example.Main jdk.compiler/com.sun.tools.javac.launcher.Main"))
                .isEqualTo("com.example.Main");
        assertThat(LocalJvm.mainOf("app.jar --port 8080")).isEqualTo("app.jar");
    }
}
