package dev.connject.probe;

import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;

/**
 * An agent loaded ahead of connject that brings JMX up in its {@code premain}, as monitoring
 * agents do: the platform MBean server is handed out before connject's hooks exist to tell.
 */
public final class JmxBeforeConnject {

    private JmxBeforeConnject() {
    }

    public static void premain(String options, Instrumentation instrumentation) {
        ManagementFactory.getPlatformMBeanServer();
    }
}
