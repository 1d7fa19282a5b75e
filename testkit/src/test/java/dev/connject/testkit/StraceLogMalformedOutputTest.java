package dev.connject.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * StraceLog fails on output it cannot read, naming the line, rather than losing a call; the few forms no sample
 * has (a numeric SO_ERROR, a failed getsockopt) are written out here.
 */
class StraceLogMalformedOutputTest {

    @TempDir
    Path directory;

    @Test
    void failsNamingTheLineOfAnUnreadableConnect() throws IOException {
        Path output = write("""
                101 connect(3, {sa_family=AF_INET, sin_port=htons(1), sin_addr=inet_addr("127.0.0.1")}, 16) = 0
                101 connect(3, {sa_family=AF_INET, sin_port=htons(1)}, 16) = 0
                """);

        assertThatThrownBy(() -> StraceLog.read(output))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(output + " line 2: no IPv4 address");
    }

    @Test
    void failsOnOutputWithoutThreadIds() throws IOException {
        Path output = write("""
                connect(3, {sa_family=AF_INET, sin_port=htons(1), sin_addr=inet_addr("127.0.0.1")}, 16) = 0
                """);

        assertThatThrownBy(() -> StraceLog.read(output)).hasMessageContaining("line 1: no thread id");
    }

    @Test
    void failsOnAResumedCallTheThreadDidNotStart() throws IOException {
        Path output = write("""
                101 connect(3, {sa_family=AF_UNIX, sun_path="/run/a.socket"}, 16 <unfinished ...>
                102 <... connect resumed>)            = 0
                """);

        assertThatThrownBy(() -> StraceLog.read(output)).hasMessageContaining("line 2: resumes a connect");
    }

    @Test
    void keepsAnSoErrorWithoutANameAsItsNumber() throws IOException {
        Path output = write("""
                101 getsockopt(3, SOL_SOCKET, SO_ERROR, [4095], [4]) = 0
                """);

        assertThat(StraceLog.read(output).calls()).singleElement()
                .extracting(StraceCall::soError, StraceCall::result)
                .containsExactly("4095", "4095");
    }

    @Test
    void givesAFailedSoErrorReadItsOwnErrnoAsResult() throws IOException {
        Path output = write("""
                101 getsockopt(9, SOL_SOCKET, SO_ERROR, 0x7ffd5c3a1b2c, [4]) = -1 EBADF (Bad file descriptor)
                """);

        assertThat(StraceLog.read(output).calls()).singleElement()
                .extracting(StraceCall::soError, StraceCall::result)
                .containsExactly(null, "EBADF");
    }

    private Path write(String strace) throws IOException {
        return Files.writeString(directory.resolve("strace.out"), strace);
    }
}
