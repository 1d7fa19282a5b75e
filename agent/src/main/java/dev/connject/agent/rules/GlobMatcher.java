package dev.connject.agent.rules;

import dev.connject.config.Glob;

/**
 * A compiled glob: {@code *} matches a run of characters other than the separator, {@code **}
 * any run, {@code ?} one character other than the separator. Matching allocates nothing.
 */
final class GlobMatcher {

    private final char[] pattern;
    private final char separator;
    private final boolean ignoreCase;

    GlobMatcher(Glob glob, boolean ignoreCase) {
        this.pattern = (ignoreCase ? glob.text().toLowerCase(java.util.Locale.ROOT) : glob.text()).toCharArray();
        this.separator = glob.separator();
        this.ignoreCase = ignoreCase;
    }

    boolean matches(CharSequence text) {
        return text != null && matches(0, text, 0);
    }

    private boolean matches(int p, CharSequence text, int t) {
        while (p < pattern.length) {
            char c = pattern[p];
            if (c == '*') {
                boolean anySeparator = p + 1 < pattern.length && pattern[p + 1] == '*';
                p += anySeparator ? 2 : 1;
                for (int k = t; k <= text.length(); k++) {
                    if (matches(p, text, k)) {
                        return true;
                    }
                    if (k < text.length() && !anySeparator && isSeparator(text.charAt(k))) {
                        return false;
                    }
                }
                return false;
            }
            if (t == text.length()) {
                return false;
            }
            char actual = ignoreCase ? Character.toLowerCase(text.charAt(t)) : text.charAt(t);
            if (c == '?' ? isSeparator(actual) : c != actual) {
                return false;
            }
            p++;
            t++;
        }
        return t == text.length();
    }

    private boolean isSeparator(char c) {
        return separator != 0 && c == separator;
    }
}
