package dev.connject.injector;

import java.util.List;
import java.util.Set;

/** {@code list}: the running JVMs of this user, what they run, and whether connject is loaded in them. */
final class ListCommand implements Command {

    private static final String ROW = "%-8s %-9s %-10s %s%n";

    @Override
    public String name() {
        return "list";
    }

    @Override
    public String synopsis() {
        return "";
    }

    @Override
    public String summary() {
        return "running JVMs of this user, and whether connject is loaded in them";
    }

    @Override
    public String help() {
        return """
                Lists the JVMs this user runs, except the injector's own, one a line:

                  PID      CONNJECT  JAVA       MAIN
                  4242     yes       17.0.15    com.example.Billing
                  4343     no        25.0.1     app.jar

                Nothing is attached: what a JVM runs and its Java version come from its performance
                data file (/tmp/hsperfdata_USER/PID, as jps reads it) or its command line, and
                whether connject is loaded from the files it has open (/proc/PID/fd).
                """;
    }

    @Override
    public void run(List<String> arguments, Output output) throws CommandFailure {
        Arguments.parse(this, arguments, 0, Set.of(), Set.of());
        int uid = LinuxProcess.current().ownerUid().orElseThrow();
        output.out().printf(ROW, "PID", "CONNJECT", "JAVA", "MAIN");
        for (LocalJvm jvm : LocalJvm.ofUser(uid)) {
            output.out().printf(ROW, jvm.process().pid(), jvm.connjectLoaded() ? "yes" : "no",
                    jvm.javaVersion().orElse("?"), jvm.main().isEmpty() ? "?" : jvm.main());
        }
    }
}
