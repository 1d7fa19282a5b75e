package dev.connject.config;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One rules file, validated: what to record and which connects to fail.
 *
 * @param version   the format version; only {@code 1} exists
 * @param mode      whether matching rules inject, only record, or do nothing
 * @param seed      makes probability draws repeatable across runs when present
 * @param recording where and how connect events are recorded
 * @param rules     tried in file order; the first whose match and when both hold decides
 * @param source    where the rules came from (a file path, or a name such as {@code <none>})
 * @param text      the file's text as it was loaded, for display
 */
public record RuleSet(int version, Mode mode, OptionalLong seed, Recording recording,
                      List<Rule> rules, String source, String text) {

    /** The {@link #source} of the rule set in force when no rules file is given. */
    public static final String NO_SOURCE = "<none>";

    /** The rule set in force when no rules file is given: record only, with the default sinks. */
    public static RuleSet none() {
        return new RuleSet(1, Mode.INJECT, OptionalLong.empty(), Recording.defaults(), List.of(), NO_SOURCE, "");
    }

    /** {@code no rules}, {@code 1 rule}, {@code 3 rules}: how connject's messages count rules. */
    public static String count(int rules) {
        return rules == 0 ? "no rules" : rules == 1 ? "1 rule" : rules + " rules";
    }

    public RuleSet {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(recording, "recording");
        rules = List.copyOf(rules);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
    }

    /** This rule set with its rules replaced and everything else kept. */
    public RuleSet withRules(List<Rule> newRules, String newSource, String newText) {
        return new RuleSet(version, mode, seed, recording, newRules, newSource, newText);
    }

    /** This rule set in another mode. */
    public RuleSet withMode(Mode newMode) {
        return new RuleSet(version, newMode, seed, recording, rules, source, text);
    }
}
