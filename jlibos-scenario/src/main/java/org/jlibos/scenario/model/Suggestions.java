package org.jlibos.scenario.model;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean ...?" for misspelt keys, programs and ids. */
public final class Suggestions {

    private static final int MAX_DISTANCE = 2;

    private Suggestions() {
    }

    /**
     * The candidate closest to {@code word} by Levenshtein distance, if that distance is at most 2
     * and smaller than {@code word}'s length: a one- or two-letter word is at distance 2 from
     * almost any short key, and suggesting {@code id} for {@code x} would be noise. Ties go to the
     * earliest candidate, so suggestions are deterministic.
     */
    public static Optional<String> nearest(String word, Collection<String> candidates) {
        int limit = Math.min(MAX_DISTANCE, word.length() - 1);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = levenshtein(word, candidate);
            if (d > 0 && d <= limit && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Edit distance counting single-character insertions, deletions and substitutions. */
    public static int levenshtein(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
