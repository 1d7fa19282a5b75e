package dev.connject.config;

/** The JDK API through which an application connects. */
public enum Api implements YamlNamed {
    /** {@code java.net.Socket}, and everything built on it such as {@code HttpURLConnection}. */
    SOCKET,
    /** {@code SocketChannel}, including its {@code socket()} adaptor and {@code HttpClient}. */
    CHANNEL,
    /** {@code AsynchronousSocketChannel}. */
    ASYNC,
    /** {@code DatagramChannel} and {@code DatagramSocket}. */
    DATAGRAM;

    private final String yamlName = name().toLowerCase(java.util.Locale.ROOT);

    @Override
    public String yamlName() {
        return yamlName;
    }
}
