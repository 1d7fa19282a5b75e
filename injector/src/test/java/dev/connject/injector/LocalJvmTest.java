package dev.connject.injector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The Java version check that keeps connject out of JVMs older than 17. No such JVM is installed
 * where the tests run, so the versions are those such JVMs report.
 */
class LocalJvmTest {

    @Test
    void readsTheFeatureReleaseOfOldAndNewVersionStrings() {
        assertThat(LocalJvm.featureOf("1.8.0_412")).isEqualTo(OptionalInt.of(8));
        assertThat(LocalJvm.featureOf("1.8")).isEqualTo(OptionalInt.of(8));
        assertThat(LocalJvm.featureOf("11.0.23")).isEqualTo(OptionalInt.of(11));
        assertThat(LocalJvm.featureOf("17")).isEqualTo(OptionalInt.of(17));
        assertThat(LocalJvm.featureOf("25.0.1")).isEqualTo(OptionalInt.of(25));
        assertThat(LocalJvm.featureOf("unknown")).isEmpty();
    }
}
