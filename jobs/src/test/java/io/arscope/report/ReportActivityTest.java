package io.arscope.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The report's collections-activity section: the latest month per collector and in all, every gap said why. */
class ReportActivityTest {

    private static final LocalDate MARCH = LocalDate.of(2026, 3, 31);

    private static ReportData with(List<ReportData.Activity> activity) {
        ReportData d = CfoReportTest.data();
        return new ReportData(d.asOf(), d.months(), d.bucketLabels(), d.provision(), d.forecast(), d.riskiest(),
                null, List.of(), List.of(), List.of(), activity);
    }

    @Test
    void eachCollectorHasALineAndTheWholePortfolioTheLast() {
        String html = CfoReport.render(with(List.of(
                new ReportData.Activity("total", "all", MARCH, 4L, 0.75, 0.6, 1L, 2500.0, 10000.0, 0.8125, 3L,
                        2.0 / 3, 0.375, 2L, 25.5),
                new ReportData.Activity("collector", "<b>ann</b>", MARCH, 0L, null, null, 0L, 0.0, 0.0, null, 2L,
                        0.5, 0.25, 0L, null),
                new ReportData.Activity("collector", "bob", MARCH, 4L, 0.75, 0.6, 1L, 2500.0, 10000.0, 0.8125, 1L,
                        1.0, 1.0, 2L, 25.5),
                new ReportData.Activity("segment", "A", MARCH, 1L, 1.0, 1.0, 0L, 0.0, 0.0, null, 0L, null, null,
                        0L, null))), "Receivables report", "arscope test");
        assertTrue(html.contains("<section id=\"activity\"><h2>Collections activity</h2>"), html);
        assertTrue(html.contains("<th>Collector</th><th class=\"num\">Promises kept (count)</th>"
                + "<th class=\"num\">Promises kept (amount)</th><th class=\"num\">Broken promises open</th>"
                + "<th class=\"num\">Unpaid on them</th><th class=\"num\">Contact coverage</th>"
                + "<th class=\"num\">Plan adherence (count)</th><th class=\"num\">Plan adherence (amount)</th>"
                + "<th class=\"num\">Days from first contact to payment</th>"), html);
        assertTrue(html.contains("<tr><td>&lt;b&gt;ann&lt;/b&gt;</td><td class=\"num\">n/a (no promise closed in "
                + "2026-03)</td><td class=\"num\">n/a (no promise closed in 2026-03)</td><td class=\"num\">0</td>"
                + "<td class=\"num\">0</td><td class=\"num\">n/a (nothing overdue)</td><td class=\"num\">50.0%</td>"
                + "<td class=\"num\">25.0%</td><td class=\"num\">n/a (no invoice paid after a contact in 2026-03)"
                + "</td></tr>"), html);
        assertTrue(html.contains("<tr><td>bob</td><td class=\"num\">75.0%</td><td class=\"num\">60.0%</td>"
                + "<td class=\"num\">1</td><td class=\"num\">2,500</td><td class=\"num\">81.3%</td>"
                + "<td class=\"num\">100.0%</td><td class=\"num\">100.0%</td><td class=\"num\">25.5</td></tr>"),
                html);
        assertTrue(html.contains("<tr class=\"total\"><td>All</td><td class=\"num\">75.0%</td>"
                + "<td class=\"num\">60.0%</td><td class=\"num\">1</td><td class=\"num\">2,500</td>"
                + "<td class=\"num\">81.3%</td><td class=\"num\">66.7%</td><td class=\"num\">37.5%</td>"
                + "<td class=\"num\">25.5</td></tr>"), html);
        // Segments are not collectors: the section is per collector.
        assertFalse(html.contains("<tr><td>A</td>"), html);
        assertFalse(html.contains("<b>ann"), html);
    }

    /** Promises that closed with nothing promised: the rate by amount has no base, though promises did close. */
    @Test
    void closedPromisesAndInstalmentsWithNoAmountSaySoAsTheCollectorsPagesDo() {
        String html = CfoReport.render(with(List.of(new ReportData.Activity("total", "all", MARCH, 2L, 0.5, null,
                1L, 0.0, 0.0, null, 1L, 1.0, null, 0L, null))), "Receivables report", "arscope test");
        assertTrue(html.contains("<tr class=\"total\"><td>All</td><td class=\"num\">50.0%</td>"
                + "<td class=\"num\">n/a (nothing promised)</td><td class=\"num\">1</td><td class=\"num\">0</td>"
                + "<td class=\"num\">n/a (nothing overdue)</td><td class=\"num\">100.0%</td>"
                + "<td class=\"num\">n/a (no instalment amount)</td>"
                + "<td class=\"num\">n/a (no invoice paid after a contact in 2026-03)</td></tr>"), html);
    }

    @Test
    void anInputWithNoActivitySaysSoAndShowsNoZero() {
        String html = CfoReport.render(with(List.of(new ReportData.Activity("total", "all", MARCH, null, null, null,
                null, null, 5000.0, null, null, null, null, null, null))), "Receivables report", "arscope test");
        String na = "<td class=\"num\">n/a (none recorded by then)</td>";
        assertTrue(html.contains("The input holds no collection activity (contacts, promises to pay, payment plans) "
                + "up to the end of 2026-03."), html);
        assertTrue(html.contains("<tr class=\"total\"><td>All</td>" + na.repeat(8) + "</tr>"), html);
    }

    @Test
    void metricsFromBeforeTheActivityTableAreSaidToBe() {
        String html = CfoReport.render(CfoReportTest.data(), "Receivables report", "arscope test");
        assertTrue(html.contains("<section id=\"activity\"><h2>Collections activity</h2>\n"
                + "<p class=\"note\">The metrics run predates the collection-activity metrics"), html);
    }
}
