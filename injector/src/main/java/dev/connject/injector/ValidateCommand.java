package dev.connject.injector;

import java.util.List;
import java.util.Set;

/** {@code validate FILE}: checks a rules file as the agent would, without any JVM. */
final class ValidateCommand implements Command {

    @Override
    public String name() {
        return "validate";
    }

    @Override
    public String synopsis() {
        return "FILE";
    }

    @Override
    public String summary() {
        return "check a rules file";
    }

    @Override
    public String help() {
        return """
                Checks a rules file exactly as the agent would load it. A valid file prints

                  rules.yaml: valid, 2 rules (refuse-db, slow-cache), mode inject

                and exits 0. An invalid one prints every problem on standard error, one a line, as
                FILE:LINE:COL: message, and exits 2. A file that group or others may write is
                refused as the agent refuses it: whoever can write it can fail the JVM's connects.
                """;
    }

    @Override
    public void run(List<String> arguments, Output output) throws CommandFailure {
        Arguments parsed = Arguments.parse(this, arguments, 1, Set.of(), Set.of());
        RulesFile rules = RulesFile.load(parsed.file(0), "the agent would refuse this file");
        output.out().println(parsed.file(0) + ": valid, " + rules.describe());
    }
}
