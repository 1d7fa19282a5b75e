package dev.connject.agent.record;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.SettingDefinition;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/** {@code dev.connject.Connect}: one connect attempt, for JFR recordings and JDK Mission Control. */
@Name("dev.connject.Connect")
@Label("Connect")
@Category({"connject"})
@Description("A connect(2) made through the JDK, with what the kernel answered or what connject injected")
@StackTrace(false)
public final class ConnectJfrEvent extends jdk.jfr.Event {

    @Label("Attempt")
    @Description("Number of the attempt in this JVM, as in connject's other records")
    long id;

    @Label("Connecting Thread")
    String thread;

    @Label("Virtual Thread")
    boolean virtual;

    @Label("API")
    @Description("socket, channel, async or datagram")
    String api;

    @Label("Protocol")
    @Description("tcp, udp or unix")
    String protocol;

    @Label("Host")
    @Description("The host name the application asked for, when it gave one")
    String host;

    @Label("Remote Address")
    String remote;

    @Label("Local Address")
    String local;

    @Label("File Descriptor")
    int fd;

    @Label("Connect Timeout")
    @Description("The application's own connect timeout; 0 when it set none")
    @Timespan(Timespan.MILLISECONDS)
    long timeout;

    @Label("Result")
    @Description("connected, an errno name, timeout or abandoned")
    String result;

    @Label("Errno")
    int errno;

    @Label("Error")
    @Description("The exception the application was given")
    String error;

    @Label("Connect Duration")
    @Timespan(Timespan.MICROSECONDS)
    long connectDuration;

    @Label("System Calls")
    @Description("connect(2) and SO_ERROR results, as strace shows them")
    String syscalls;

    @Label("Injected")
    boolean injected;

    @Label("Rule")
    String rule;

    @Label("Dry Run")
    boolean dryRun;

    @Label("Caller")
    @Description("The first application frame that made the call: of a failed connect, or of every one"
            + " when the event's Caller setting is all")
    String caller;

    /** Leaves every event in: the setting's value only says whose callers are read ({@link JfrCallerSetting}). */
    @Name("caller")
    @Label("Caller")
    @Description("Whose calling stack is read: failures (failed connects only) or all (every connect, which costs"
            + " more than the rest of the event)")
    @SettingDefinition
    protected boolean caller(JfrCallerSetting setting) {
        return true;
    }
}
