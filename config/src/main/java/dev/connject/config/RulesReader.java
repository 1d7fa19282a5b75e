package dev.connject.config;

import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Turns the text of one rules file into a {@link RuleSet}. It walks the YAML node tree rather
 * than a loaded map because only nodes know their line and column. It goes on past every problem,
 * putting a default in place of each bad value, so that one run lists them all; any problem
 * refuses the whole file.
 *
 * <p>Each kind of value has a reader method of its own rather than a function: the file is often
 * read at the JVM's start, where each lambda costs the generation of a class (about 0.4 ms on
 * JDK 25).
 */
final class RulesReader {
    private static final List<String> TOP_KEYS = List.of("version", "mode", "seed", "record", "rules");
    private static final List<String> RECORD_KEYS =
            List.of("log", "jsonl", "jsonl_max", "jsonl_keep", "jfr", "stack", "caller", "sample");
    private static final List<String> RULE_KEYS = List.of("name", "match", "fault", "when");
    private static final List<String> MATCH_KEYS =
            List.of("host", "port", "protocol", "path", "api", "caller", "thread");
    private static final List<String> FAULT_KEYS = List.of("errno", "delivery", "timeout", "delay");
    private static final List<String> WHEN_KEYS = List.of("probability", "skip", "every", "times", "from", "for");

    private final String source;
    private final Optional<Path> directory;
    private final List<Problem> problems = new ArrayList<>();

    private RulesReader(String source, Optional<Path> directory) {
        this.source = source;
        this.directory = directory;
    }

    /**
     * The rule set {@code text} describes.
     *
     * @param source    names the file in problems and in the result
     * @param directory what a relative {@code record.jsonl} is resolved against; empty keeps it as written
     */
    static RuleSet read(String text, String source, Optional<Path> directory) throws InvalidRulesException {
        return new RulesReader(source, directory).read(text);
    }

    private RuleSet read(String text) throws InvalidRulesException {
        Node root = compose(text);
        if (!(root instanceof MappingNode)) {
            report(root, "the top level must be a mapping with 'version: 1', not " + describe(root));
            throw new InvalidRulesException(problems);
        }
        Map<String, Node> top = mapping(root, "the top level", TOP_KEYS);
        readVersion(root, top);
        Mode mode = Objects.requireNonNullElse(choice(top.get("mode"), "mode", Mode.values()), Mode.INJECT);
        Long seed = integer(top.get("seed"), "seed");
        Recording recording = readRecord(top.get("record"));
        List<Rule> rules = readRules(top.get("rules"));
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
            throw new InvalidRulesException(problems);
        }
        return new RuleSet(1, mode, seed == null ? OptionalLong.empty() : OptionalLong.of(seed), recording, rules,
                source, text);
    }

    private Node compose(String text) throws InvalidRulesException {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(source)
                .setSchema(new CoreSchema())
                .setAllowNonScalarKeys(true)
                .build();
        try {
            Optional<Node> root = new Compose(settings).composeString(text);
            if (root.isEmpty()) {
                throw refusal(new Problem(source, 1, 1, "the file is empty; it needs at least 'version: 1'"));
            }
            return root.get();
        } catch (MarkedYamlEngineException e) {
            throw refusal(syntaxProblem(e));
        } catch (YamlEngineException e) {
            throw refusal(new Problem(source, 1, 1, "YAML: " + e.getMessage()));
        }
    }

    private Problem syntaxProblem(MarkedYamlEngineException e) {
        String problem = Objects.requireNonNullElse(e.getProblem(), "");
        String context = Objects.requireNonNullElse(e.getContext(), "");
        String message = "YAML syntax: " + (problem.isEmpty() ? context : problem);
        if (!problem.isEmpty() && !context.isEmpty()) {
            message += " (" + context + e.getContextMark().map(RulesReader::where).orElse("") + ")";
        }
        Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
        return new Problem(source, mark.map(m -> m.getLine() + 1).orElse(1), mark.map(m -> m.getColumn() + 1).orElse(1),
                message);
    }

    private static String where(Mark mark) {
        return " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
    }

    private static InvalidRulesException refusal(Problem problem) {
        return new InvalidRulesException(List.of(problem));
    }

    private void readVersion(Node root, Map<String, Node> top) {
        if (!top.containsKey("version")) {
            report(root, "missing 'version: 1'");
            return;
        }
        Long version = integer(top.get("version"), "version");
        if (version != null && version != 1) {
            report(top.get("version"), "unsupported version " + version + "; this connject reads version 1");
        }
    }

    private Recording readRecord(Node node) {
        Recording defaults = Recording.defaults();
        Map<String, Node> fields = mapping(node, "'record'", RECORD_KEYS);
        Long keep = wholeNumber(fields.get("jsonl_keep"), "jsonl_keep", 0, Integer.MAX_VALUE);
        Long stack = wholeNumber(fields.get("stack"), "stack", 0, Integer.MAX_VALUE);
        return new Recording(
                Objects.requireNonNullElse(choice(fields.get("log"), "log", Recording.EventLog.values()), defaults.log()),
                Optional.ofNullable(jsonlPath(fields.get("jsonl"))),
                Objects.requireNonNullElse(size(fields.get("jsonl_max"), "jsonl_max"), defaults.jsonlMax()),
                keep == null ? defaults.jsonlKeep() : keep.intValue(),
                Objects.requireNonNullElse(bool(fields.get("jfr"), "jfr"), defaults.jfr()),
                stack == null ? defaults.stack() : stack.intValue(),
                Objects.requireNonNullElse(choice(fields.get("caller"), "caller", Recording.Callers.values()),
                        defaults.callers()),
                Objects.requireNonNullElse(fraction(fields.get("sample"), "sample"), defaults.sample()));
    }

    private Path jsonlPath(Node node) {
        String text = text(node, "jsonl", Expected.STRING);
        if (text == null) {
            return null;
        }
        if (text.isBlank()) {
            return refused(node, "'jsonl' must be a file path");
        }
        try {
            Path path = Path.of(text);
            return directory.isPresent() ? directory.get().resolve(path) : path;
        } catch (InvalidPathException e) {
            return refused(node, "bad path '" + text + "': " + e.getReason());
        }
    }

    private List<Rule> readRules(Node node) {
        List<Rule> rules = new ArrayList<>();
        if (node == null || node.getTag().equals(Tag.NULL)) {
            return rules;
        }
        if (!(node instanceof SequenceNode)) {
            report(node, "'rules' must be a list of rules, not " + describe(node));
            return rules;
        }
        Map<String, Node> names = new HashMap<>();
        for (Node entry : ((SequenceNode) node).getValue()) {
            Rule rule = readRule(entry, names);
            if (rule != null) {
                rules.add(rule);
            }
        }
        return rules;
    }

    /**
     * The rule, or null when it has a problem.
     *
     * @param names the name node of each rule read so far, to point at the first of two alike
     */
    private Rule readRule(Node node, Map<String, Node> names) {
        if (!(node instanceof MappingNode)) {
            report(node, "a rule must be a mapping with 'name' and 'fault', not " + describe(node));
            return null;
        }
        int before = problems.size();
        Map<String, Node> fields = mapping(node, "a rule", RULE_KEYS);
        String name = readName(node, fields, names);
        Match match = readMatch(fields.get("match"));
        Fault fault = readFault(node, fields.get("fault"));
        When when = readWhen(fields.get("when"));
        if (name == null || fault == null || problems.size() > before) {
            return null;
        }
        return new Rule(name, match, fault, when, line(node));
    }

    private String readName(Node rule, Map<String, Node> fields, Map<String, Node> names) {
        Node node = fields.get("name");
        if (node == null) {
            report(rule, "rule has no 'name'; give each rule a unique one");
            return null;
        }
        String name = text(node, "name", Expected.STRING);
        if (name == null) {
            return null;
        }
        if (name.isBlank()) {
            return refused(node, "'name' must not be empty");
        }
        Node first = names.putIfAbsent(name, node);
        if (first != null) {
            report(node, "duplicate rule name '" + name + "' (first at line " + line(first) + ")");
        }
        return name;
    }

    private Match readMatch(Node node) {
        Map<String, Node> fields = mapping(node, "'match'", MATCH_KEYS);
        List<Protocol> protocols = choices(fields, "protocol", Protocol.values());
        if (fields.containsKey("path") && !protocols.isEmpty() && !protocols.contains(Protocol.UNIX)) {
            report(fields.get("path"), "'path' matches only unix connects; add unix to 'protocol' or drop 'path'");
        }
        return new Match(patterns(fields, "host"), patterns(fields, "port"), Set.copyOf(protocols),
                patterns(fields, "path"), Set.copyOf(choices(fields, "api", Api.values())), patterns(fields, "caller"),
                patterns(fields, "thread"));
    }

    /** The fault, or null when it has a problem. */
    private Fault readFault(Node rule, Node node) {
        if (node == null) {
            report(rule, "rule has no 'fault'; give it errno, timeout or delay");
            return null;
        }
        if (!(node instanceof MappingNode)) {
            report(node, "'fault' must be a mapping with errno, timeout or delay, not " + describe(node));
            return null;
        }
        int before = problems.size();
        Map<String, Node> fields = mapping(node, "'fault'", FAULT_KEYS);
        Errno errno = choice(fields.get("errno"), "errno", Errno.values());
        Delivery delivery = choice(fields.get("delivery"), "delivery", Delivery.values());
        Duration timeout = duration(fields.get("timeout"), "timeout", true);
        DelayRange delay = delay(fields.get("delay"));
        boolean hasErrno = fields.containsKey("errno");
        boolean hasTimeout = fields.containsKey("timeout");
        boolean hasDelay = fields.containsKey("delay");
        if (hasErrno && hasTimeout) {
            report(fields.get("timeout"), "'errno' and 'timeout' exclude each other: a blackhole never answers");
        }
        if (hasDelay && hasTimeout) {
            report(fields.get("delay"), "'delay' has no effect with 'timeout': a blackhole never answers");
        }
        if (!hasErrno && !hasTimeout && !hasDelay) {
            report(node, "a fault needs 'errno', 'timeout' or 'delay'");
        }
        if (fields.containsKey("delivery") && !hasErrno) {
            report(fields.get("delivery"), "'delivery' applies only to an 'errno'");
        }
        if (problems.size() > before) {
            return null;
        }
        return new Fault(Optional.ofNullable(errno), Objects.requireNonNullElse(delivery, Delivery.AUTO),
                Optional.ofNullable(timeout), Optional.ofNullable(delay));
    }

    private When readWhen(Node node) {
        When always = When.always();
        Map<String, Node> fields = mapping(node, "'when'", WHEN_KEYS);
        return new When(
                Objects.requireNonNullElse(fraction(fields.get("probability"), "probability"), always.probability()),
                Objects.requireNonNullElse(wholeNumber(fields.get("skip"), "skip", 0, Long.MAX_VALUE), always.skip()),
                Objects.requireNonNullElse(wholeNumber(fields.get("every"), "every", 1, Long.MAX_VALUE), always.every()),
                Objects.requireNonNullElse(wholeNumber(fields.get("times"), "times", 0, Long.MAX_VALUE), always.times()),
                Objects.requireNonNullElse(duration(fields.get("from"), "from", false), always.from()),
                Optional.ofNullable(duration(fields.get("for"), "for", true)));
    }

    /**
     * The values of a mapping by key. Keys the section does not allow, and second occurrences,
     * are reported and left out; an absent or empty section is an empty map.
     */
    private Map<String, Node> mapping(Node node, String section, List<String> allowed) {
        Map<String, Node> values = new LinkedHashMap<>();
        if (node == null || node.getTag().equals(Tag.NULL)) {
            return values;
        }
        if (!(node instanceof MappingNode)) {
            report(node, section + " must be a mapping, not " + describe(node));
            return values;
        }
        Map<String, Node> keys = new HashMap<>();
        for (NodeTuple entry : ((MappingNode) node).getValue()) {
            Node keyNode = entry.getKeyNode();
            if (!(keyNode instanceof ScalarNode)) {
                report(keyNode, "a key must be a name, not " + describe(keyNode));
                continue;
            }
            String key = ((ScalarNode) keyNode).getValue();
            Node first = keys.putIfAbsent(key, keyNode);
            if (first != null) {
                report(keyNode, "duplicate key '" + key + "' (first at line " + line(first) + ")");
            } else if (!allowed.contains(key)) {
                report(keyNode, unknown("key", key, allowed));
            } else {
                values.put(key, entry.getValueNode());
            }
        }
        return values;
    }

    /** The entries of a field that takes one value or a list of them, any of which may hold. */
    private List<Node> entries(Map<String, Node> fields, String key) {
        Node node = fields.get(key);
        if (node == null) {
            return List.of();
        }
        if (node instanceof MappingNode) {
            report(node, "'" + key + "' must be one value or a list of values, not a mapping");
            return List.of();
        }
        List<Node> entries = node instanceof SequenceNode ? ((SequenceNode) node).getValue() : List.of(node);
        if (entries.isEmpty()) {
            // An empty list would silently match everything, which is never what was meant.
            report(node, "'" + key + "' is an empty list; leave it out to match any " + key);
        }
        return entries;
    }

    /** The entries of a pattern field of {@code match:}; what {@link #pattern} refuses is left out. */
    @SuppressWarnings("unchecked")
    private <T> List<T> patterns(Map<String, Node> fields, String key) {
        List<T> patterns = new ArrayList<>();
        for (Node entry : entries(fields, key)) {
            Object pattern = pattern(entry, key);
            if (pattern != null) {
                patterns.add((T) pattern);
            }
        }
        return patterns;
    }

    /** One entry of a pattern field, read as its key says: a host, a port or range, or a glob. */
    private Object pattern(Node entry, String key) {
        String text = text(entry, key, key.equals("port") ? Expected.PORT : Expected.STRING);
        if (text == null) {
            return null;
        }
        try {
            switch (key) {
                case "host":
                    return HostPatterns.parse(text);
                case "port":
                    return PortRanges.parse(text);
                case "path":
                    return Globs.parse(text, '/');
                case "caller":
                    return Globs.parse(text, '.');
                case "thread":
                    return Globs.parse(text, (char) 0);
                default:
                    throw new IllegalStateException("no pattern field '" + key + "'");
            }
        } catch (IllegalArgumentException refusal) {
            return refused(entry, refusal.getMessage());
        }
    }

    private <E extends Enum<E> & YamlNamed> List<E> choices(Map<String, Node> fields, String key, E[] values) {
        List<E> chosen = new ArrayList<>();
        for (Node entry : entries(fields, key)) {
            E value = choice(entry, key, values);
            if (value != null) {
                chosen.add(value);
            }
        }
        return chosen;
    }

    /**
     * The text of a scalar, if it is written as {@code expected} allows. Null when the node is
     * absent, and when it is written otherwise, which is reported.
     */
    private String text(Node node, String key, Expected expected) {
        if (node == null) {
            return null;
        }
        if (!(node instanceof ScalarNode) || !expected.tags.contains(node.getTag())) {
            report(node, "'" + key + "' must be " + expected.description + ", not " + describe(node));
            return null;
        }
        return ((ScalarNode) node).getValue();
    }

    /** Reports why a value is refused; returns the null that stands for it. */
    private <T> T refused(Node node, String why) {
        report(node, why);
        return null;
    }

    private <E extends Enum<E> & YamlNamed> E choice(Node node, String key, E[] values) {
        String text = text(node, key, Expected.STRING);
        if (text == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (E value : values) {
            if (value.yamlName().equals(text)) {
                return value;
            }
            names.add(value.yamlName());
        }
        return refused(node, unknown(key, text, names));
    }

    private static String unknown(String kind, String text, List<String> allowed) {
        return Spelling.closest(text, allowed)
                .map(near -> "unknown " + kind + " '" + text + "' (did you mean '" + near + "'?)")
                .orElse("unknown " + kind + " '" + text + "'; expected one of: " + String.join(", ", allowed));
    }

    private Long wholeNumber(Node node, String key, long min, long max) {
        Long value = integer(node, key);
        if (value == null) {
            return null;
        }
        String text = ((ScalarNode) node).getValue();
        if (value < min) {
            return refused(node, "'" + key + "' must be " + min + " or more, not " + text);
        }
        if (value > max) {
            return refused(node, "'" + key + "' must be at most " + max + ", not " + text);
        }
        return value;
    }

    /** An integer in any YAML 1.2 core-schema form: decimal, {@code 0x} hexadecimal, {@code 0o} octal. */
    private Long integer(Node node, String key) {
        String text = text(node, key, Expected.INTEGER);
        if (text == null) {
            return null;
        }
        String unsigned = text.startsWith("+") ? text.substring(1) : text;
        BigInteger value;
        try {
            if (unsigned.startsWith("0x")) {
                value = new BigInteger(unsigned.substring(2), 16);
            } else if (unsigned.startsWith("0o")) {
                value = new BigInteger(unsigned.substring(2), 8);
            } else {
                value = new BigInteger(unsigned);
            }
        } catch (NumberFormatException e) {
            return refused(node, "'" + text + "' is not an integer");
        }
        if (value.bitLength() > 63) {
            return refused(node, text + " is too large for a 64-bit integer");
        }
        return value.longValue();
    }

    private Double fraction(Node node, String key) {
        String text = text(node, key, Expected.NUMBER);
        if (text == null) {
            return null;
        }
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!(value >= 0 && value <= 1)) {
            return refused(node, "'" + key + "' must be between 0 and 1, not " + text);
        }
        return value;
    }

    private Boolean bool(Node node, String key) {
        String text = text(node, key, Expected.BOOLEAN);
        return text == null ? null : Boolean.parseBoolean(text);
    }

    private Long size(Node node, String key) {
        String text = text(node, key, Expected.SIZE);
        try {
            return text == null ? null : Sizes.parse(text);
        } catch (IllegalArgumentException refusal) {
            return refused(node, refusal.getMessage());
        }
    }

    /** @param positive whether zero is refused */
    private Duration duration(Node node, String key, boolean positive) {
        String text = text(node, key, Expected.DURATION);
        if (text == null) {
            return null;
        }
        Duration duration;
        try {
            duration = Durations.parseDuration(text);
        } catch (IllegalArgumentException refusal) {
            return refused(node, refusal.getMessage());
        }
        if (positive && duration.isZero()) {
            return refused(node, "'" + key + "' must be longer than 0");
        }
        return duration;
    }

    private DelayRange delay(Node node) {
        String text = text(node, "delay", Expected.DURATION);
        try {
            return text == null ? null : Durations.parseDelay(text);
        } catch (IllegalArgumentException refusal) {
            return refused(node, refusal.getMessage());
        }
    }

    private void report(Node node, String message) {
        Optional<Mark> mark = node.getStartMark();
        problems.add(new Problem(source, line(node), mark.isPresent() ? mark.get().getColumn() + 1 : 1, message));
    }

    private static int line(Node node) {
        Optional<Mark> mark = node.getStartMark();
        return mark.isPresent() ? mark.get().getLine() + 1 : 1;
    }

    private static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        Tag tag = node.getTag();
        if (tag.equals(Tag.NULL)) {
            return "an empty value";
        }
        if (tag.equals(Tag.STR)) {
            return "a string";
        }
        if (tag.equals(Tag.INT)) {
            return "an integer";
        }
        if (tag.equals(Tag.FLOAT)) {
            return "a decimal number";
        }
        if (tag.equals(Tag.BOOL)) {
            return "a boolean";
        }
        return "a value tagged " + tag.getValue();
    }

    /** How a scalar may be written, as YAML 1.2 core-schema tags, and how to name that to a user. */
    private enum Expected {
        STRING("a string", Tag.STR),
        INTEGER("an integer", Tag.INT),
        NUMBER("a number", Tag.INT, Tag.FLOAT),
        BOOLEAN("true or false", Tag.BOOL),
        DURATION("a duration such as 250ms or 2s", Tag.STR, Tag.INT),
        SIZE("a size such as 64MB", Tag.STR, Tag.INT),
        PORT("a port such as 5432 or a range such as 8000-8999", Tag.STR, Tag.INT);

        private final String description;
        private final Set<Tag> tags;

        Expected(String description, Tag... tags) {
            this.description = description;
            this.tags = Set.of(tags);
        }
    }
}
