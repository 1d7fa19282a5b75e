package dev.connject.injector;

/** What the injector's exit code tells a script about the command it ran. */
enum ExitStatus {

    /** The command did its work. */
    DONE(0),

    /** The target JVM could not be reached, or it refused. */
    TARGET_UNREACHABLE(1),

    /** The command line or a rules file was wrong; nothing was changed. */
    BAD_INPUT(2);

    private final int code;

    ExitStatus(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }
}
