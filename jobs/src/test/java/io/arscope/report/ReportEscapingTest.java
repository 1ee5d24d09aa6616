package io.arscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Values from the export on the CFO report are text, never markup. */
class ReportEscapingTest {

    @Test
    void customerCollectorAndActionAreEscaped() {
        ReportData d = CfoReportTest.data();
        ReportData hostile = new ReportData(d.asOf(), d.months(), d.bucketLabels(), d.provision(), d.forecast(),
                List.of(new ReportData.RiskyCustomer("C\"1&", "<script>alert(1)</script>", "<b>zo\u00eb</b>",
                        "collect", 1000, 500.0, 0.5, 10, "call & write")));
        String html = CfoReport.render(hostile, "AR <report>", "arscope \"test\"");
        assertEquals(1, html.split("&lt;script&gt;", -1).length - 1);
        assertTrue(html.contains("<tr><td>&lt;script&gt;alert(1)&lt;/script&gt; (C&quot;1&amp;)</td>"
                + "<td>&lt;b&gt;zo\u00eb&lt;/b&gt;</td><td>collect</td><td class=\"num\">1,000</td>"
                + "<td class=\"num\">500</td><td class=\"num\">50.0%</td><td class=\"num\">500</td>"
                + "<td class=\"num\">10</td><td>call &amp; write</td></tr>"), html);
        assertTrue(html.contains("<title>AR &lt;report&gt;</title>"), html);
        assertTrue(html.contains("<h1>AR &lt;report&gt;</h1>"), html);
        assertTrue(html.contains("amounts in the ledger's currency &middot; arscope &quot;test&quot;</p>"), html);
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("<b>"));
    }
}
