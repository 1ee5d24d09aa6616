package io.arscope.job;

import java.util.Collection;
import java.util.Optional;

/**
 * The valid name nearest to a mistyped one, for "did you mean" messages: an edit distance in which {@code _} and
 * {@code -}, and upper and lower case, count as the same character, so that {@code max_reject_share} finds
 * {@code max-reject-share} and {@code date_formats} finds {@code dateFormats}.
 */
public final class ClosestName {

    private ClosestName() {
    }

    /**
     * The name in {@code valid} nearest to {@code typed}, if one is near enough to be what was meant: at most a third
     * of the typed name's characters (at least one, at most three) added, removed or changed. Of equally near names,
     * the first in {@code valid}'s order.
     */
    public static Optional<String> among(String typed, Collection<String> valid) {
        int allowed = Math.max(1, Math.min(3, typed.length() / 3));
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : valid) {
            int d = distance(typed, name);
            if (d <= allowed && d < bestDistance) {
                best = name;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** "did you mean 'y'?" with the nearest valid name, or the valid names when none is near. */
    public static String hint(String typed, Collection<String> valid) {
        return among(typed, valid).map(name -> "did you mean '" + name + "'?")
                .orElseGet(() -> "expected one of " + valid.stream().sorted().toList());
    }

    /** Levenshtein distance, with {@link #same} characters costing nothing to substitute. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (same(a.charAt(i - 1), b.charAt(j - 1)) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static boolean same(char x, char y) {
        return Character.toLowerCase(x) == Character.toLowerCase(y) || (separator(x) && separator(y));
    }

    private static boolean separator(char c) {
        return c == '_' || c == '-';
    }
}
