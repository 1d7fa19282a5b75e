package dev.connject.config;

/** Reads the globs of rules files: host names, caller classes, socket paths, thread names. */
final class Globs {
    private Globs() {
    }

    /**
     * The glob {@code text} denotes.
     *
     * @throws IllegalArgumentException with a message fit to show the user
     */
    static Glob parse(String text, char separator) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty glob; write * to match anything");
        }
        if (text.contains("***")) {
            throw new IllegalArgumentException("'***' in '" + text + "' is not a glob; write * or **");
        }
        return new Glob(text, separator);
    }
}
