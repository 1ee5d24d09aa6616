package io.arscope.report;

import static io.arscope.run.HtmlText.escape;

import java.util.List;

/**
 * The few HTML pieces the report is composed of: sections, headings, paragraphs, tables and their cells. Text
 * given to a piece is escaped; arguments named {@code html} are markup already and are taken as they are. Numbers
 * are formatted as {@link FinanceFormat} formats them and sit in right-aligned cells.
 */
final class Html {

    private Html() {
    }

    /** Ends a block with a line break, where the page source puts one. */
    static String line(String html) {
        return html + "\n";
    }

    static String element(String tag, String html) {
        return "<" + tag + ">" + html + "</" + tag + ">";
    }

    static String element(String tag, String cssClass, String html) {
        return "<" + tag + " class=\"" + cssClass + "\">" + html + "</" + tag + ">";
    }

    static String section(String id, String... html) {
        return line("<section id=\"" + id + "\">" + String.join("", html) + "</section>");
    }

    static String h1(String text) {
        return element("h1", escape(text));
    }

    static String h2(String text) {
        return element("h2", escape(text));
    }

    static String h3(String text) {
        return element("h3", escape(text));
    }

    static String paragraph(String html) {
        return element("p", html);
    }

    /** A remark in small grey type beside the figures. */
    static String note(String html) {
        return element("p", "note", html);
    }

    static String strong(String text) {
        return element("strong", escape(text));
    }

    static String div(String cssClass, String html) {
        return element("div", cssClass, html);
    }

    static String span(String cssClass, String text) {
        return element("span", cssClass, escape(text));
    }

    static String bulletList(List<String> texts) {
        return element("ul", String.join("", texts.stream().map(t -> element("li", escape(t))).toList()));
    }

    /** A table: one header row of {@link #th} and {@link #thNum} cells, then the body rows of {@link #row}. */
    static String table(List<String> headerCells, List<String> rows) {
        return "<table><thead><tr>" + String.join("", headerCells) + line("</tr></thead><tbody>")
                + String.join("", rows) + "</tbody></table>";
    }

    static String th(String text) {
        return element("th", escape(text));
    }

    /** The header of a column of numbers. */
    static String thNum(String text) {
        return element("th", "num", escape(text));
    }

    static String row(String... cells) {
        return line(element("tr", String.join("", cells)));
    }

    /** The closing row that adds up the rows above it. */
    static String totalRow(String... cells) {
        return line(element("tr", "total", String.join("", cells)));
    }

    static String cell(String text) {
        return element("td", escape(text));
    }

    static String cell(Object value) {
        return cell(String.valueOf(value));
    }

    /** A cell of a column of numbers, holding {@code html} as it is (a formatted figure, or a range of two). */
    static String numCell(String html) {
        return element("td", "num", html);
    }

    static String countCell(long count) {
        return numCell(String.valueOf(count));
    }

    static String moneyCell(Double amount) {
        return numCell(FinanceFormat.money(amount));
    }

    static String shareCell(Double share) {
        return numCell(FinanceFormat.share(share));
    }
}
