package dev.connject.config;

/** The transport of a connect. */
public enum Protocol implements YamlNamed {
    TCP, UDP, UNIX;

    private final String yamlName = name().toLowerCase(java.util.Locale.ROOT);

    @Override
    public String yamlName() {
        return yamlName;
    }
}
