package io.arscope.run;

/**
 * A value from an export as literal text on a Markdown page, in a heading, a paragraph or a table cell: whatever
 * it holds renders as the characters it is, never as a link, emphasis, a new cell, a list, a heading or HTML.
 * {@code &}, {@code <} and {@code >} become HTML entities; the characters Markdown gives a meaning (
 * {@code \ ` * _ { } [ ] ( ) # + - . ! | ~}) get a backslash; line breaks become spaces, since a line break ends a
 * table row or a heading. Escaping {@code .} also keeps a renderer from turning {@code evil.com} into a link.
 */
public final class MarkdownText {

    private static final String SPECIAL = "\\`*_{}[]()#+-.!|~";

    private MarkdownText() {
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
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
                    if (SPECIAL.indexOf(c) >= 0) {
                        out.append('\\');
                    }
                    out.append(c);
                }
            }
        }
        return out.toString();
    }
}
