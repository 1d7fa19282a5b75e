package dev.connject.agent.record;

/** The JSON Lines form of an event: one object, one line, fields in the documented order. */
public final class EventJson {

    private final StringBuilder out = new StringBuilder(512);

    /** The event as one line of JSON, without the line break; reuses one buffer, so one thread only. */
    public String format(ConnectEvent event) {
        out.setLength(0);
        out.append('{');
        string("time", event.time().toString());
        number("id", event.id());
        number("pid", event.pid());
        string("thread", event.thread());
        bool("virtual", event.virtual());
        string("api", event.api());
        string("protocol", event.protocol());
        string("host", event.host());
        string("remote", event.remote());
        string("local", event.local());
        number("fd", event.fd());
        number("timeout_ms", event.timeoutMillis());
        string("result", event.result());
        if (event.errno() == null) {
            key("errno").append("null");
        } else {
            number("errno", event.errno());
        }
        string("error", event.error());
        number("duration_us", event.durationMicros());
        key("syscalls").append('[');
        for (int i = 0; i < event.syscalls().size(); i++) {
            ConnectEvent.SyscallRecord syscall = event.syscalls().get(i);
            out.append(i == 0 ? "{" : ",{");
            out.append("\"call\":");
            quote(syscall.call());
            out.append(",\"result\":");
            quote(syscall.result());
            out.append('}');
        }
        out.append(']');
        bool("injected", event.injected());
        string("rule", event.rule());
        bool("dry_run", event.dryRun());
        string("caller", event.caller());
        if (event.callers().size() > 1) {
            key("stack").append('[');
            for (int i = 0; i < event.callers().size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                quote(event.callers().get(i));
            }
            out.append(']');
        }
        out.append('}');
        return out.toString();
    }

    private StringBuilder key(String name) {
        if (out.length() > 1) {
            out.append(',');
        }
        return out.append('"').append(name).append("\":");
    }

    private void string(String name, String value) {
        key(name);
        if (value == null) {
            out.append("null");
        } else {
            quote(value);
        }
    }

    private void number(String name, long value) {
        key(name).append(value);
    }

    private void bool(String name, boolean value) {
        key(name).append(value);
    }

    private void quote(String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}
