package dev.connject.agent.log;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * connject's SLF4J binding: its own messages and its per-attempt event lines go to the
 * application's stderr, at the level the {@code log} option sets. connject's SLF4J is a private
 * copy, so neither the application's logging configuration nor its SLF4J binding is touched.
 */
public final class StderrLoggerProvider implements SLF4JServiceProvider {

    private final StderrLoggers loggers = new StderrLoggers();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to set up: the level is set by the agent's options once they are read
    }
}
