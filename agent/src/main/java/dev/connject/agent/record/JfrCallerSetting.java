package dev.connject.agent.record;

import dev.connject.config.Recording.Callers;
import java.util.Set;
import jdk.jfr.SettingControl;

/**
 * The {@code caller} setting of {@code dev.connject.Connect}, set in a recording's settings like
 * {@code enabled} or {@code threshold}: whose calling stack connject reads for JFR, {@code failures}
 * (the default) or {@code all}. A recording left on around the clock then pays for a stack only
 * where a connect failed; reading one for every connect costs more than the rest of the event.
 * Where recordings disagree, the one that wants more wins.
 */
public final class JfrCallerSetting extends SettingControl {

    /** What the running recordings ask for; static, as JFR makes the control and hands it to no one. */
    private static volatile boolean everyConnect;

    /** JFR makes the control when it registers the event. */
    public JfrCallerSetting() {
    }

    /** Whether a running recording wants the caller of every connect, not only of failures. */
    static boolean everyConnect() {
        return everyConnect;
    }

    @Override
    public String combine(Set<String> values) {
        return name(values.contains(Callers.ALL.yamlName()));
    }

    @Override
    public void setValue(String value) {
        everyConnect = Callers.ALL.yamlName().equals(value);
    }

    @Override
    public String getValue() {
        return name(everyConnect);
    }

    private static String name(boolean everyConnect) {
        return (everyConnect ? Callers.ALL : Callers.FAILURES).yamlName();
    }
}
