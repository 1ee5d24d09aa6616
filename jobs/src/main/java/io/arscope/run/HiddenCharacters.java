package io.arscope.run;

/**
 * Characters that change how the text around them is shown without being seen themselves, made visible where a
 * person reads a value from an export: a right-to-left override (U+202E) in a customer's name shows the rest of the
 * name, and the id after it, reversed; a zero-width space makes two customers' names look alike. Each becomes
 * {@code <U+202E>} (its code point), so the reader sees that it is there and the rest reads in order. Kept: the
 * zero-width joiner and non-joiner, which Persian, Indic scripts and emoji sequences need.
 */
public final class HiddenCharacters {

    private HiddenCharacters() {
    }

    /** The text with each hidden character as {@code <U+XXXX>}; the same string when it holds none. */
    public static String shown(String text) {
        if (text.chars().noneMatch(HiddenCharacters::hidden)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.chars().forEach(c -> {
            if (hidden(c)) {
                out.append(String.format("<U+%04X>", c));
            } else {
                out.append((char) c);
            }
        });
        return out.toString();
    }

    /**
     * The bidirectional embeddings, overrides, isolates and marks (U+202A..U+202E, U+2066..U+2069, U+200E, U+200F,
     * U+061C), the zero-width space, the word joiner and the zero-width no-break space (U+200B, U+2060, U+FEFF).
     */
    static boolean hidden(int c) {
        return c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069 || c == 0x200E || c == 0x200F
                || c == 0x061C || c == 0x200B || c == 0x2060 || c == 0xFEFF;
    }
}
