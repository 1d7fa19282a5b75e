package dev.connject.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Finds what a misspelt key or value was most likely meant to be. */
final class Spelling {
    private Spelling() {
    }

    /**
     * The candidate nearest to {@code word} by edit distance, ignoring case, when it is near
     * enough to be a slip of the keyboard rather than a different word.
     */
    static Optional<String> closest(String word, List<String> candidates) {
        int tolerance = Math.max(1, word.length() / 3);
        Optional<String> best = Optional.empty();
        int bestDistance = tolerance + 1;
        for (String candidate : candidates) {
            int distance = distance(word.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = Optional.of(candidate);
                bestDistance = distance;
            }
        }
        return best;
    }

    /**
     * Edit distance counting an insertion, a deletion, a substitution or a swap of two adjacent
     * letters as one edit each: a swap is the commonest slip when typing.
     */
    private static int distance(String a, String b) {
        int[][] edits = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            edits[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            edits[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int substitution = edits[i - 1][j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                int best = Math.min(substitution, Math.min(edits[i - 1][j], edits[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, edits[i - 2][j - 2] + 1);
                }
                edits[i][j] = best;
            }
        }
        return edits[a.length()][b.length()];
    }
}
