package io.mraedge.core.config;

import java.util.Collection;
import java.util.Optional;

/**
 * Finds the known key an unknown key was probably meant to be, so that "unknown key" can say
 * "did you mean ping-interval?". Distance is optimal-string-alignment edit distance: an
 * insertion, deletion, substitution or swap of two neighbours each count one.
 */
final class KeySuggestions {

    /** Farther than this, a suggestion is more likely to mislead than to help. */
    static final int MAX_DISTANCE = 2;

    private KeySuggestions() {
    }

    /** The closest candidate within {@link #MAX_DISTANCE}; on a tie, the first in order. */
    static Optional<String> closest(String key, Collection<String> candidates) {
        String best = null;
        int bestDistance = MAX_DISTANCE + 1;
        for (String candidate : candidates) {
            int distance = distance(key, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
