package dev.connject.injector;

import dev.connject.config.InvalidRulesException;
import dev.connject.config.Problem;
import dev.connject.config.Rule;
import dev.connject.config.RuleSet;
import dev.connject.config.RulesLoader;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * A rules file checked here, before any JVM sees it, by the loader the agent itself uses: a file
 * the agent would refuse, for its content or for being writable by group or others, is refused
 * here, with every problem located.
 *
 * @param path  the file's absolute path, which is how the target JVM names it
 * @param text  the file's content as checked
 * @param rules what it says
 */
record RulesFile(Path path, String text, RuleSet rules) {

    /**
     * Reads and checks {@code file}. Problems name the file as the user did, so that a terminal
     * or an editor can open them from the current directory.
     *
     * @param consequence what refusing the file means for the command, said after the problems
     */
    static RulesFile load(Path file, String consequence) throws CommandFailure {
        try {
            RuleSet rules = RulesLoader.load(file);
            return new RulesFile(file.toAbsolutePath().normalize(), Files.readString(file), rules);
        } catch (InvalidRulesException invalid) {
            int count = invalid.problems().size();
            throw CommandFailure.invalidRules(invalid.problems().stream().map(Problem::toString).toList(),
                    count + (count == 1 ? " problem" : " problems") + " in " + file + "; " + consequence);
        } catch (NoSuchFileException missing) {
            throw CommandFailure.badInput("no rules file " + file, "check the path");
        } catch (AccessDeniedException denied) {
            throw CommandFailure.badInput("cannot read rules file " + file + ": permission denied",
                    "give this user read access to it");
        } catch (IOException unreadable) {
            throw CommandFailure.badInput("cannot read rules file " + file + ": " + unreadable.getMessage(),
                    "check that it is a readable, regular file");
        }
    }

    /** {@code 2 rules (refuse-db, slow-cache), mode inject}. */
    String describe() {
        int count = rules.rules().size();
        String names = rules.rules().stream().map(Rule::name).collect(Collectors.joining(", ", " (", ")"));
        return RuleSet.count(count) + (count == 0 ? "" : names)
                + ", mode " + rules.mode().yamlName();
    }
}
