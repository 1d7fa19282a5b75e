package dev.connject.agent.log;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J logger that writes as {@link AgentLog} does: one line per message on stderr. */
final class StderrLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    StderrLogger(String name) {
        this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public boolean isDebugEnabled() {
        return LogLevel.current().allows(LogLevel.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return LogLevel.current().allows(LogLevel.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return LogLevel.current().allows(LogLevel.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return LogLevel.current().allows(LogLevel.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable throwable) {
        AgentLog.print(of(level), MessageFormatter.basicArrayFormat(pattern, arguments), throwable);
    }

    private static LogLevel of(Level level) {
        switch (level) {
            case ERROR:
                return LogLevel.ERROR;
            case WARN:
                return LogLevel.WARN;
            case INFO:
                return LogLevel.INFO;
            default:
                return LogLevel.DEBUG;
        }
    }
}
