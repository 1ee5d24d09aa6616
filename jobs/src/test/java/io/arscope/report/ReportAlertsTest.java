package io.arscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.arscope.alerts.AlertList;

/** The report's section of the alerts since the last run: every alert, its values escaped, or why there are none. */
class ReportAlertsTest {

    private static ReportData with(AlertList alerts) {
        return new ReportData(null, List.of(), List.of(), List.of(), null, null, null, List.of(), List.of(),
                List.of(), null, ReportData.Watch.absent(ReportData.Watch.NO_SCORES), alerts);
    }

    @Test
    void eachAlertIsARowMostSevereFirstWithItsValuesEscapedAndOnlyACustomerShownWithItsId() {
        String html = CfoReport.alerts(with(new AlertList(List.of(
                new AlertList.Alert("broken_promise", "high", "C1", "<Acme & Sons>", "promise P1 made 2026-10-01 to "
                        + "pay USD 200.00 by 2026-10-10: nothing paid; 21 days overdue"),
                new AlertList.Alert("metric_out_of_range", "medium", "dso_countback", "DSO (countback)", "DSO "
                        + "(countback) 56.0 days in 2026-09, above its range"),
                new AlertList.Alert("model_drift", "info", "invoice_scores", null, "population stability index "
                        + "0.041 over 10 open invoices against 20 validation invoices: stable (below 0.1)"),
                new AlertList.Alert("no_previous_run", "info", "previous_run", null, "no earlier run to compare "
                        + "with")),
                LocalDate.of(2026, 9, 30))));
        assertEquals("<section id=\"alerts\"><h2>Alerts since the last run</h2>\n"
                + "<p class=\"note\">Compared with the run as of 2026-09-30. Risk bands that rose, days late that "
                + "jumped, promises broken since, metrics outside their recent range and the model's drift; see "
                + "alerts.md for each definition.</p>\n"
                + "<table class=\"alerts\"><thead><tr><th>Severity</th><th>Kind</th><th>Subject</th><th>What "
                + "changed</th></tr></thead>\n<tbody>\n"
                + "<tr class=\"high\"><td>high</td><td>broken promise</td><td>&lt;Acme &amp; Sons&gt; (C1)</td>"
                + "<td>promise P1 made 2026-10-01 to pay USD 200.00 by 2026-10-10: nothing paid; 21 days overdue"
                + "</td></tr>\n"
                + "<tr class=\"medium\"><td>medium</td><td>metric out of range</td><td>DSO (countback)</td><td>DSO "
                + "(countback) 56.0 days in 2026-09, above its range</td></tr>\n"
                + "<tr class=\"info\"><td>info</td><td>model drift</td><td>invoice_scores</td><td>population "
                + "stability index 0.041 over 10 open invoices against 20 validation invoices: stable (below 0.1)"
                + "</td></tr>\n"
                + "<tr class=\"info\"><td>info</td><td>no previous run</td><td></td><td>no earlier run to compare "
                + "with</td></tr>\n</tbody></table>\n</section>\n", html);
    }

    @Test
    void withoutAnAlertsRunTheSectionSaysSo() {
        assertEquals("<section id=\"alerts\"><h2>Alerts since the last run</h2>\n<p class=\"note\">No alerts run "
                + "was given to this report (run <code>arscope alerts</code> and pass its output with "
                + "<code>--alerts</code>).</p></section>\n", CfoReport.alerts(with(null)));
    }
}
