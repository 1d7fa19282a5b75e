package dev.connject.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A private network namespace as a wrapper of a child JVM ({@link ChildJvm#wrappedBy(List)}): a loopback of its
 * own, where setup steps ({@link #drop(int)}, {@link #reject(int, String)}, {@link #synRetries(int)}) make
 * connects fail the way real networks do, without touching the machine's network.
 *
 * <p>The rules are IPv4 ({@code iptables}). They apply to connects to {@code 127.0.0.1} whether the JDK makes
 * them on an AF_INET socket or, as it does by default, on an AF_INET6 socket to {@code ::ffff:127.0.0.1}: the
 * packets are IPv4 either way. Connects to {@code ::1} are not affected (refused at once, nothing listening).
 *
 * <p>The outcomes documented on the steps are what the tests of this class observe with
 * {@code new Socket().connect(new InetSocketAddress("127.0.0.1", port), timeout)}, on JDK 17 and 25 alike, in a
 * namespace with {@code synRetries(1)}. A timeout of 0 makes a blocking connect(2); a positive one makes a
 * non-blocking connect(2), {@code EINPROGRESS}, then a read of {@code SO_ERROR} once the socket is ready.
 */
public final class Netns {

    /** What can follow {@code --reject-with} without breaking the setup script. */
    private static final Pattern REJECT_WITH = Pattern.compile("[a-z0-9-]+");

    private Netns() {
    }

    /**
     * Whether private network namespaces with iptables rules of their own can be made here: it takes root
     * ({@code unshare -n} needs CAP_SYS_ADMIN) and an iptables that works inside the namespace.
     */
    public static boolean available() {
        return Probe.AVAILABLE;
    }

    /**
     * The command prefix that runs a command in a fresh private network namespace, after bringing its loopback
     * up and running {@code setup}:
     * {@code unshare -n -- sh -c 'ip link set lo up && SETUP... && exec "$@"' netns}. The wrapped command is
     * passed as the script's own arguments, never through the script, so any argument is safe; the setup steps
     * are shell commands, from the methods of this class. A failing step stops the script, with its message on
     * standard error.
     */
    public static List<String> prefix(List<String> setup) {
        List<String> steps = new ArrayList<>();
        steps.add("ip link set lo up");
        steps.addAll(setup);
        steps.add("exec \"$@\"");
        // "netns" becomes $0, the name sh gives its error messages
        return List.of("unshare", "-n", "--", "sh", "-c", String.join(" && ", steps), "netns");
    }

    /**
     * Sets how often the namespace's TCP retransmits an unanswered SYN before connect fails with
     * {@code ETIMEDOUT}: the SYN goes out at 0 s, retransmissions at 1, 3, 7... s (the timeout doubles from 1 s),
     * and the connect fails 2^(n+1)-1 s after it started; 3 s for 1, 127 s for the kernel's default of 6.
     *
     * @param retries 1 to 127, what the kernel accepts
     */
    public static String synRetries(int retries) {
        if (retries < 1 || retries > 127) {
            throw new IllegalArgumentException("the kernel takes 1 to 127 SYN retries, not " + retries);
        }
        return "sysctl -qw net.ipv4.tcp_syn_retries=" + retries;
    }

    /**
     * Drops every TCP packet to {@code port} as it arrives: the connect hears nothing back. The {@code INPUT}
     * chain suffices: a loopback SYN passes {@code OUTPUT}, then {@code INPUT}. With
     * {@link #synRetries(int) synRetries(1)}:
     * <ul>
     * <li>timeout 0, or longer than 3 s: {@code java.net.ConnectException: Connection timed out} after 3.1 s
     *     (connect(2) {@code ETIMEDOUT}, or {@code EINPROGRESS} then {@code SO_ERROR} {@code ETIMEDOUT});</li>
     * <li>timeout shorter than 3 s: {@code java.net.SocketTimeoutException: Connect timed out} after the timeout
     *     (connect(2) {@code EINPROGRESS}, and no {@code SO_ERROR} read).</li>
     * </ul>
     */
    public static String drop(int port) {
        return "iptables -A INPUT -p tcp --dport " + port + " -j DROP";
    }

    /**
     * Answers every TCP packet to {@code port} with {@code rejectWith}, iptables' REJECT target. What the connect
     * gets, for any timeout:
     * <ul>
     * <li>{@code icmp-host-unreachable}: {@code java.net.NoRouteToHostException: No route to host}
     *     ({@code EHOSTUNREACH});</li>
     * <li>{@code icmp-net-unreachable}: {@code java.net.SocketException: Network is unreachable}
     *     ({@code ENETUNREACH}) &mdash; a plain SocketException, neither ConnectException nor
     *     NoRouteToHostException;</li>
     * <li>{@code icmp-port-unreachable}, iptables' default: {@code java.net.ConnectException: Connection refused}
     *     ({@code ECONNREFUSED});</li>
     * <li>{@code tcp-reset}: {@code java.net.ConnectException: Connection refused} ({@code ECONNREFUSED}), like
     *     a closed port.</li>
     * </ul>
     * An ICMP answer fails a non-blocking connect (positive timeout) at once: {@code EINPROGRESS}, then the error
     * in {@code SO_ERROR}. A blocking connect (timeout 0) fails with the error only after about 1 s, when the
     * first retransmission of the SYN is answered too (the rule's counter shows two packets); the answer to the
     * first SYN does not end it. {@code tcp-reset} ends either kind at once.
     *
     * @param rejectWith the {@code --reject-with} type, e.g. {@code icmp-host-unreachable}
     */
    public static String reject(int port, String rejectWith) {
        if (!REJECT_WITH.matcher(rejectWith).matches()) {
            throw new IllegalArgumentException("not a --reject-with type: " + rejectWith);
        }
        return "iptables -A INPUT -p tcp --dport " + port + " -j REJECT --reject-with " + rejectWith;
    }

    /** Whether namespaces are usable here, found on first use. */
    private static final class Probe {
        static final boolean AVAILABLE = isAvailable();

        private static boolean isAvailable() {
            List<String> command = new ArrayList<>(prefix(List.of("iptables -L -n")));
            command.add("true");
            return CompletedCommand.run(command).succeeded();
        }
    }
}
