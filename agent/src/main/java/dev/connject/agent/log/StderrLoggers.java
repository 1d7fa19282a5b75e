package dev.connject.agent.log;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

/** The loggers of connject's SLF4J binding; one level for all of them. */
final class StderrLoggers implements ILoggerFactory {

    private final Map<String, StderrLogger> loggers = new ConcurrentHashMap<>();

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, StderrLogger::new);
    }
}
