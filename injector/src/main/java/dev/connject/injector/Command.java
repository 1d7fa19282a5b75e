package dev.connject.injector;

import java.util.List;

/** One of the injector's commands: {@code list}, {@code attach}, {@code status}... */
interface Command {

    /** The word that selects it on the command line. */
    String name();

    /** Its arguments after the name, as the usage line shows them: {@code PID [--json]}. */
    String synopsis();

    /** What it does, in a few words, for the list of commands. */
    String summary();

    /** What {@code --help} prints after the usage line: the details, output and exit codes. */
    String help();

    /** Runs it on the arguments that followed its name. */
    void run(List<String> arguments, Output output) throws CommandFailure;

    /** {@code java -jar connject.jar attach PID [--rules FILE]}. */
    default String usage() {
        return Connject.INVOCATION + " " + name() + (synopsis().isEmpty() ? "" : " " + synopsis());
    }
}
