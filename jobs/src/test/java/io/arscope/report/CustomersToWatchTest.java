package io.arscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class CustomersToWatchTest {

    private static ReportData with(ReportData.Watch watch) {
        return new ReportData(null, List.of(), List.of(), List.of(), null, null, null, List.of(), List.of(),
                List.of(), null, watch);
    }

    @Test
    void eachFigureWithNamesEscapedAndMissingLimitsNotAvailableWithWhy() {
        String html = CfoReport.watch(with(new ReportData.Watch(List.of(
                new ReportData.WatchCustomer("C1", "<Acme & Sons>", 12345.6, 0.4321, "medium", 5334.54, 75,
                        "has an invoice 75 days past due", 50000.0, 12000.0, -38000.0, "USD 9,863.01 a month"),
                new ReportData.WatchCustomer("C2", null, 900.0, 0.9, "high", 810.0, -12, null, null, null, null,
                        "too little history: first invoice 90 days ago (the rule needs 180)"),
                new ReportData.WatchCustomer("C3", null, 0.0, 0.3, "medium", 0.0, null, null, null, 4000.0, null,
                        "USD 1,000.00 a month")), null)));
        assertTrue(html.contains("<td>&lt;Acme &amp; Sons&gt; (C1)</td><td class=\"num\">12,346</td>"
                + "<td class=\"num\">43.2%</td><td>medium</td><td class=\"num\">5,335</td><td class=\"num\">75</td>"
                + "<td class=\"num\">50,000</td><td class=\"num\">12,000 (below what it owes: hold new orders)</td><td class=\"num\">(38,000)</td>"
                + "<td>has an invoice 75 days past due</td>"), html);
        assertTrue(html.contains("<td>C2</td><td class=\"num\">900</td><td class=\"num\">90.0%</td><td>high</td>"
                + "<td class=\"num\">810</td><td class=\"num\">current (due in 12 days)</td><td class=\"num\">n/a (no limit on file)</td>"
                + "<td class=\"num\">n/a (too little history: first invoice 90 days ago (the rule needs 180))</td>"
                + "<td class=\"num\">n/a (no suggestion)</td><td></td>"), html);
        // Nothing open is said so, not shown as 0 days past due.
        assertTrue(html.contains("<td>C3</td><td class=\"num\">0</td><td class=\"num\">30.0%</td><td>medium</td>"
                + "<td class=\"num\">0</td><td class=\"num\">nothing open</td>"
                + "<td class=\"num\">n/a (no limit on file)</td><td class=\"num\">4,000</td>"), html);
        assertTrue(html.contains("a limit below what a customer owes means holding new orders until it pays down"),
                html);
        assertFalse(html.contains("<Acme"));
    }

    @Test
    void withoutCustomerScoresTheSectionSaysWhy() {
        String html = CfoReport.watch(with(ReportData.Watch.absent("the score run wrote no customer scores: its "
                + "model directory has no customer model (retrain with arscope train)")));
        assertTrue(html.contains("<h2>Customers to watch</h2>"), html);
        assertTrue(html.contains("No customer scores: the score run wrote no customer scores: its model directory "
                + "has no customer model (retrain with arscope train)."), html);
        assertFalse(html.contains("<table"));
        assertEquals(1, html.split("<h2>", -1).length - 1);
    }
}
