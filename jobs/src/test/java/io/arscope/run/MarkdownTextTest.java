package io.arscope.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Values as Markdown text, worked by hand against CommonMark's rules and GitHub's autolinks. */
class MarkdownTextTest {

    @Test
    void plainTextKeepsItsPunctuationUnescaped() {
        assertEquals("invoice is 1.8 times its usual amount; 67% of its earlier invoices were late (paid late, or "
                + "unpaid past due). Oldest 1-30, USD 1,234.56 due on 2025-04-05!",
                MarkdownText.escape("invoice is 1.8 times its usual amount; 67% of its earlier invoices were late "
                        + "(paid late, or unpaid past due). Oldest 1-30, USD 1,234.56 due on 2025-04-05!"));
    }

    @Test
    void emphasisCodeLinksAndCellsAreEscapedWherever() {
        assertEquals("\\*bold\\* \\_it\\_ \\`code\\` \\[click\\](x) !\\[img\\](y) a \\| b \\~\\~s\\~\\~ \\\\ \\{\\}",
                MarkdownText.escape("*bold* _it_ `code` [click](x) ![img](y) a | b ~~s~~ \\ {}"));
        assertEquals("&lt;b&gt;Beta & Co&lt;/b&gt; two lines", MarkdownText.escape("<b>Beta & Co</b>\r\ntwo\nlines"));
        // Only an ampersand that could start an entity is one: &lt; would otherwise render as <.
        assertEquals("&amp;lt;b&amp;gt; &amp;#60; R&amp;D & Co &", MarkdownText.escape("&lt;b&gt; &#60; R&D & Co &"));
    }

    @Test
    void aValueThatWouldStartAHeadingOrAListIsEscapedAtItsStartOnly() {
        assertEquals("\\# not a heading #2", MarkdownText.escape("# not a heading #2"));
        assertEquals("\\- not a list - item", MarkdownText.escape("- not a list - item"));
        assertEquals("\\+1 =1+1", MarkdownText.escape("+1 =1+1"));
        assertEquals("12\\. not an ordered list 3. item", MarkdownText.escape("12. not an ordered list 3. item"));
        assertEquals("7\\) no list either", MarkdownText.escape("7) no list either"));
        assertEquals("2026 was a year", MarkdownText.escape("2026 was a year"));
    }

    @Test
    void namesThatLookLikeAddressesAreNotLinks() {
        assertEquals("chloe\\.ng", MarkdownText.escape("chloe.ng"));
        assertEquals("www\\.evil\\.com", MarkdownText.escape("www.evil.com"));
        assertEquals("https\\://evil\\.com/x", MarkdownText.escape("https://evil.com/x"));
        assertEquals("ap@acme\\.example", MarkdownText.escape("ap@acme.example"));
    }
}
