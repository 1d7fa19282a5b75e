package dev.connject.config;

/** When an injected errno reaches the application. */
public enum Delivery implements YamlNamed {
    /** Asynchronous for errors that come from the network on a non-blocking socket, synchronous otherwise. */
    AUTO,
    /** connect(2) itself fails. */
    SYNC,
    /** connect(2) says EINPROGRESS and the error arrives through {@code SO_ERROR}. */
    ASYNC;

    @Override
    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
