package dev.connject.config;

/** What matching rules do. */
public enum Mode implements YamlNamed {
    /** Matching rules inject their fault. */
    INJECT("inject"),
    /** Matching rules are recorded as would-be injections; no connect is changed. */
    DRY_RUN("dry-run"),
    /** Rules are not consulted at all; connects are only recorded. */
    OFF("off");

    private final String yamlName;

    Mode(String yamlName) {
        this.yamlName = yamlName;
    }

    @Override
    public String yamlName() {
        return yamlName;
    }

    /** The mode with this rules-file name, or {@code null}. */
    public static Mode ofYamlName(String name) {
        for (Mode mode : values()) {
            if (mode.yamlName.equals(name)) {
                return mode;
            }
        }
        return null;
    }
}
