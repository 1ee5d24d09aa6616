package io.arscope.run;

/**
 * A value from an export as literal text in HTML or SVG, in an element or a double-quoted attribute: whatever it
 * holds renders as the characters it is, never as markup or script. Shared by the CFO report and the collectors'
 * pages.
 */
public final class HtmlText {

    private HtmlText() {
    }

    /** The text as literal HTML, its hidden characters shown ({@link HiddenCharacters}). */
    public static String escape(String text) {
        return HiddenCharacters.shown(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
