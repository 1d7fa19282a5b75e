package dev.connject.agent.control;

import dev.connject.agent.log.LogLevel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The agent's options: {@code -javaagent:connject-agent.jar=rules=FILE,watch=false,log=debug}, or
 * the options string of a dynamic attach.
 *
 * @param rules    the rules file; from the option, else {@code $CONNJECT_RULES}, else {@code -Dconnject.rules}
 * @param watch    whether the rules file is reloaded when it changes
 * @param log      level of connject's own messages on stderr
 * @param problems what was wrong with the options string; the rest of it still applies
 */
public record AgentOptions(Optional<Path> rules, boolean watch, LogLevel log, List<String> problems) {

    public AgentOptions {
        problems = List.copyOf(problems);
    }

    public static AgentOptions parse(String options, Map<String, String> environment, Properties properties) {
        String rules = null;
        boolean watch = true;
        LogLevel log = LogLevel.INFO;
        List<String> problems = new ArrayList<>();
        for (String option : options == null || options.isBlank() ? new String[0] : options.split(",")) {
            int equals = option.indexOf('=');
            String key = equals < 0 ? option.trim() : option.substring(0, equals).trim();
            String value = equals < 0 ? "" : option.substring(equals + 1).trim();
            switch (key) {
                case "rules":
                    rules = value;
                    break;
                case "watch":
                    if (value.equals("true") || value.equals("false")) {
                        watch = Boolean.parseBoolean(value);
                    } else {
                        problems.add("watch=" + value + ": expected true or false");
                    }
                    break;
                case "log":
                    LogLevel level = LogLevel.ofName(value);
                    if (level == null) {
                        problems.add("log=" + value + ": expected off, error, warn, info or debug");
                    } else {
                        log = level;
                    }
                    break;
                default:
                    problems.add("unknown option '" + key + "'; the options are rules, watch and log");
            }
        }
        if (rules == null) {
            rules = environment.get("CONNJECT_RULES");
        }
        if (rules == null) {
            rules = properties.getProperty("connject.rules");
        }
        Optional<Path> file = rules == null || rules.isEmpty() ? Optional.empty() : Optional.of(Path.of(rules));
        return new AgentOptions(file, watch, log, problems);
    }
}
