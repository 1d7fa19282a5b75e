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
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
        Mode mode = field(top, "mode", Expected.STRING, choice("mode", Mode.values(), Mode::yamlName))
                .orElse(Mode.INJECT);
        Optional<Long> seed = field(top, "seed", Expected.INTEGER, RulesReader::integer);
        Recording recording = readRecord(top.get("record"));
        List<Rule> rules = readRules(top.get("rules"));
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
            throw new InvalidRulesException(problems);
        }
        return new RuleSet(1, mode, seed.map(OptionalLong::of).orElse(OptionalLong.empty()), recording, rules,
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
        Optional<Long> version = field(top, "version", Expected.INTEGER, RulesReader::integer);
        if (version.isPresent() && version.get() != 1) {
            report(top.get("version"), "unsupported version " + version.get() + "; this connject reads version 1");
        }
    }

    private Recording readRecord(Node node) {
        Recording defaults = Recording.defaults();
        Map<String, Node> fields = mapping(node, "'record'", RECORD_KEYS);
        return new Recording(
                field(fields, "log", Expected.STRING, choice("log", Recording.EventLog.values(),
                        Recording.EventLog::yamlName)).orElse(defaults.log()),
                field(fields, "jsonl", Expected.STRING, this::jsonlPath),
                field(fields, "jsonl_max", Expected.SIZE, Sizes::parse).orElse(defaults.jsonlMax()),
                field(fields, "jsonl_keep", Expected.INTEGER, wholeNumber("jsonl_keep", 0, Integer.MAX_VALUE))
                        .map(Long::intValue).orElse(defaults.jsonlKeep()),
                field(fields, "jfr", Expected.BOOLEAN, Boolean::parseBoolean).orElse(defaults.jfr()),
                field(fields, "stack", Expected.INTEGER, wholeNumber("stack", 0, Integer.MAX_VALUE))
                        .map(Long::intValue).orElse(defaults.stack()),
                field(fields, "caller", Expected.STRING, choice("caller", Recording.Callers.values(),
                        Recording.Callers::yamlName)).orElse(defaults.callers()),
                field(fields, "sample", Expected.NUMBER, fraction("sample")).orElse(defaults.sample()));
    }

    private Path jsonlPath(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("'jsonl' must be a file path");
        }
        try {
            Path path = Path.of(text);
            return directory.map(dir -> dir.resolve(path)).orElse(path);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("bad path '" + text + "': " + e.getReason(), e);
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
            readRule(entry, names).ifPresent(rules::add);
        }
        return rules;
    }

    /** @param names the name node of each rule read so far, to point at the first of two alike */
    private Optional<Rule> readRule(Node node, Map<String, Node> names) {
        if (!(node instanceof MappingNode)) {
            report(node, "a rule must be a mapping with 'name' and 'fault', not " + describe(node));
            return Optional.empty();
        }
        int before = problems.size();
        Map<String, Node> fields = mapping(node, "a rule", RULE_KEYS);
        Optional<String> name = readName(node, fields, names);
        Match match = readMatch(fields.get("match"));
        Optional<Fault> fault = readFault(node, fields.get("fault"));
        When when = readWhen(fields.get("when"));
        if (name.isEmpty() || fault.isEmpty() || problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Rule(name.get(), match, fault.get(), when, line(node)));
    }

    private Optional<String> readName(Node rule, Map<String, Node> fields, Map<String, Node> names) {
        if (!fields.containsKey("name")) {
            report(rule, "rule has no 'name'; give each rule a unique one");
            return Optional.empty();
        }
        Optional<String> name = field(fields, "name", Expected.STRING, RulesReader::nonEmptyName);
        if (name.isPresent()) {
            Node first = names.putIfAbsent(name.get(), fields.get("name"));
            if (first != null) {
                report(fields.get("name"), "duplicate rule name '" + name.get() + "' (first at line " + line(first) + ")");
            }
        }
        return name;
    }

    private static String nonEmptyName(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("'name' must not be empty");
        }
        return text;
    }

    private Match readMatch(Node node) {
        Map<String, Node> fields = mapping(node, "'match'", MATCH_KEYS);
        List<Protocol> protocols = each(fields, "protocol", Expected.STRING,
                choice("protocol", Protocol.values(), Protocol::yamlName));
        if (fields.containsKey("path") && !protocols.isEmpty() && !protocols.contains(Protocol.UNIX)) {
            report(fields.get("path"), "'path' matches only unix connects; add unix to 'protocol' or drop 'path'");
        }
        return new Match(
                each(fields, "host", Expected.STRING, HostPatterns::parse),
                each(fields, "port", Expected.PORT, PortRanges::parse),
                Set.copyOf(protocols),
                each(fields, "path", Expected.STRING, text -> Globs.parse(text, '/')),
                Set.copyOf(each(fields, "api", Expected.STRING, choice("api", Api.values(), Api::yamlName))),
                each(fields, "caller", Expected.STRING, text -> Globs.parse(text, '.')),
                each(fields, "thread", Expected.STRING, text -> Globs.parse(text, (char) 0)));
    }

    private Optional<Fault> readFault(Node rule, Node node) {
        if (node == null) {
            report(rule, "rule has no 'fault'; give it errno, timeout or delay");
            return Optional.empty();
        }
        if (!(node instanceof MappingNode)) {
            report(node, "'fault' must be a mapping with errno, timeout or delay, not " + describe(node));
            return Optional.empty();
        }
        int before = problems.size();
        Map<String, Node> fields = mapping(node, "'fault'", FAULT_KEYS);
        Optional<Errno> errno = field(fields, "errno", Expected.STRING, choice("errno", Errno.values(), Errno::name));
        Optional<Delivery> delivery = field(fields, "delivery", Expected.STRING,
                choice("delivery", Delivery.values(), Delivery::yamlName));
        Optional<Duration> timeout = field(fields, "timeout", Expected.DURATION, longerThanZero("timeout"));
        Optional<DelayRange> delay = field(fields, "delay", Expected.DURATION, Durations::parseDelay);
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
            return Optional.empty();
        }
        return Optional.of(new Fault(errno, delivery.orElse(Delivery.AUTO), timeout, delay));
    }

    private When readWhen(Node node) {
        When always = When.always();
        Map<String, Node> fields = mapping(node, "'when'", WHEN_KEYS);
        return new When(
                field(fields, "probability", Expected.NUMBER, fraction("probability")).orElse(always.probability()),
                field(fields, "skip", Expected.INTEGER, wholeNumber("skip", 0, Long.MAX_VALUE)).orElse(always.skip()),
                field(fields, "every", Expected.INTEGER, wholeNumber("every", 1, Long.MAX_VALUE)).orElse(always.every()),
                field(fields, "times", Expected.INTEGER, wholeNumber("times", 0, Long.MAX_VALUE)).orElse(always.times()),
                field(fields, "from", Expected.DURATION, Durations::parseDuration).orElse(always.from()),
                field(fields, "for", Expected.DURATION, longerThanZero("for")));
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

    private <T> Optional<T> field(Map<String, Node> fields, String key, Expected expected, Function<String, T> parse) {
        Node node = fields.get(key);
        return node == null ? Optional.empty() : value(node, key, expected, parse);
    }

    /** Every value of a field that takes one value or a list of them, any of which may hold. */
    private <T> List<T> each(Map<String, Node> fields, String key, Expected expected, Function<String, T> parse) {
        Node node = fields.get(key);
        List<T> values = new ArrayList<>();
        if (node == null) {
            return values;
        }
        if (node instanceof MappingNode) {
            report(node, "'" + key + "' must be one value or a list of values, not a mapping");
            return values;
        }
        List<Node> entries = node instanceof SequenceNode ? ((SequenceNode) node).getValue() : List.of(node);
        if (entries.isEmpty()) {
            // An empty list would silently match everything, which is never what was meant.
            report(node, "'" + key + "' is an empty list; leave it out to match any " + key);
        }
        for (Node entry : entries) {
            value(entry, key, expected, parse).ifPresent(values::add);
        }
        return values;
    }

    private <T> Optional<T> value(Node node, String key, Expected expected, Function<String, T> parse) {
        if (!(node instanceof ScalarNode) || !expected.tags.contains(node.getTag())) {
            report(node, "'" + key + "' must be " + expected.description + ", not " + describe(node));
            return Optional.empty();
        }
        try {
            return Optional.of(parse.apply(((ScalarNode) node).getValue()));
        } catch (IllegalArgumentException e) {
            report(node, e.getMessage());
            return Optional.empty();
        }
    }

    private static <E extends Enum<E>> Function<String, E> choice(String key, E[] values, Function<E, String> nameOf) {
        return text -> {
            for (E value : values) {
                if (nameOf.apply(value).equals(text)) {
                    return value;
                }
            }
            throw new IllegalArgumentException(unknown(key, text, Stream.of(values).map(nameOf).collect(Collectors.toList())));
        };
    }

    private static String unknown(String kind, String text, List<String> allowed) {
        return Spelling.closest(text, allowed)
                .map(near -> "unknown " + kind + " '" + text + "' (did you mean '" + near + "'?)")
                .orElse("unknown " + kind + " '" + text + "'; expected one of: " + String.join(", ", allowed));
    }

    private static Function<String, Long> wholeNumber(String key, long min, long max) {
        return text -> {
            long value = integer(text);
            if (value < min) {
                throw new IllegalArgumentException("'" + key + "' must be " + min + " or more, not " + text);
            }
            if (value > max) {
                throw new IllegalArgumentException("'" + key + "' must be at most " + max + ", not " + text);
            }
            return value;
        };
    }

    /** An integer in any YAML 1.2 core-schema form: decimal, {@code 0x} hexadecimal, {@code 0o} octal. */
    private static long integer(String text) {
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
            throw new IllegalArgumentException("'" + text + "' is not an integer", e);
        }
        if (value.bitLength() > 63) {
            throw new IllegalArgumentException(text + " is too large for a 64-bit integer");
        }
        return value.longValue();
    }

    private static Function<String, Double> fraction(String key) {
        return text -> {
            double value;
            try {
                value = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                value = Double.NaN;
            }
            if (!(value >= 0 && value <= 1)) {
                throw new IllegalArgumentException("'" + key + "' must be between 0 and 1, not " + text);
            }
            return value;
        };
    }

    private static Function<String, Duration> longerThanZero(String key) {
        return text -> {
            Duration duration = Durations.parseDuration(text);
            if (duration.isZero()) {
                throw new IllegalArgumentException("'" + key + "' must be longer than 0");
            }
            return duration;
        };
    }

    private void report(Node node, String message) {
        problems.add(new Problem(source, line(node), node.getStartMark().map(mark -> mark.getColumn() + 1).orElse(1),
                message));
    }

    private static int line(Node node) {
        return node.getStartMark().map(mark -> mark.getLine() + 1).orElse(1);
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
