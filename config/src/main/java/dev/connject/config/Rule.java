package dev.connject.config;

import java.util.Objects;

/**
 * One named rule: which connects it concerns, what it does to them, and when.
 *
 * @param name  unique within its file
 * @param line  the line of the rules file where the rule starts (0 when not from a file)
 */
public record Rule(String name, Match match, Fault fault, When when, int line) {
    public Rule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(when, "when");
    }
}
