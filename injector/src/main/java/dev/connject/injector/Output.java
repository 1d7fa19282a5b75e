package dev.connject.injector;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * The injector's two streams: results on standard output, errors and notices on standard error.
 * Nothing else in the injector prints.
 */
final class Output {

    private final PrintStream out;
    private final PrintStream err;

    Output(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * The process's standard streams. Standard output is buffered and flushed by the commands,
     * not at every line as {@code System.out} is: watch writes thousands of lines a second.
     */
    static Output standard() {
        Charset charset = Charset.forName(System.getProperty("stdout.encoding",
                System.getProperty("native.encoding", "UTF-8")));
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, charset);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, charset);
        return new Output(out, err);
    }

    /** Where results go. */
    PrintStream out() {
        return out;
    }

    /** Where errors and notices go. */
    PrintStream err() {
        return err;
    }

    /** Prints a notice on standard error, prefixed so that it stands out among a pipeline's messages. */
    void notice(String line) {
        err.println("connject: " + line);
    }

    void flush() {
        out.flush();
        err.flush();
    }
}
