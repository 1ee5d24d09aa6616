package io.arscope.run;

/**
 * A value from an export as literal text on a Markdown page, in a heading, a paragraph or a table cell: whatever
 * it holds renders as the characters it is, never as a link, emphasis, a new cell, a list, a heading or HTML.
 * {@code <} and {@code >} become HTML entities, and {@code &} where it could start one (before a letter, a digit
 * or {@code #}: {@code &amp;lt;}), so that "Abbott & Finch" reads as it is; line breaks become spaces, since a line
 * break ends a table row or a heading. A backslash goes only where a character could mean something, so that the
 * page still reads plainly in a text editor or an e-mail ({@code 1-30}, {@code 1.8 times}, not {@code 1\-30}):
 * <ul>
 * <li>always before {@code \ ` * _ { } [ ] | ~}: emphasis, code, links and cells need them, and with no {@code [}
 * left, {@code ( ) !} can make no link or image;</li>
 * <li>before {@code # + -} and a number's {@code .} or {@code )} at the start, where they would make a heading or
 * a list;</li>
 * <li>before a {@code .} followed by a letter ({@code evil\.com}) and a {@code :} followed by {@code //}
 * ({@code https\://}), so that no renderer turns a name into a link.</li>
 * </ul>
 */
public final class MarkdownText {

    private static final String ALWAYS = "\\`*_{}[]|~";
    private static final String AT_START = "#+-";

    private MarkdownText() {
    }

    /** The text as literal Markdown, its hidden characters shown ({@link HiddenCharacters}). */
    public static String escape(String value) {
        String text = HiddenCharacters.shown(value);
        StringBuilder out = new StringBuilder(text.length() + 16);
        int leadingDigits = 0;
        while (leadingDigits < text.length() && Character.isDigit(text.charAt(leadingDigits))) {
            leadingDigits++;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append(i + 1 < text.length() && (Character.isLetterOrDigit(text.charAt(i + 1))
                        || text.charAt(i + 1) == '#') ? "&amp;" : "&");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\r' -> {
                    out.append(' ');
                    if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                }
                case '\n' -> out.append(' ');
                default -> {
                    if (ALWAYS.indexOf(c) >= 0 || i == 0 && AT_START.indexOf(c) >= 0
                            || i > 0 && i == leadingDigits && (c == '.' || c == ')')
                            || c == '.' && i + 1 < text.length() && Character.isLetter(text.charAt(i + 1))
                            || c == ':' && text.startsWith("//", i + 1)) {
                        out.append('\\');
                    }
                    out.append(c);
                }
            }
        }
        return out.toString();
    }
}
