package dev.connject.config;

/** The transport of a connect. */
public enum Protocol {
    TCP, UDP, UNIX;

    private final String yamlName = name().toLowerCase(java.util.Locale.ROOT);

    /** The name used in rules files and events. */
    public String yamlName() {
        return yamlName;
    }
}
