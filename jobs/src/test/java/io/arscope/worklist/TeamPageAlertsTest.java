package io.arscope.worklist;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.arscope.alerts.AlertList;
import io.arscope.risk.ModelGate;

/** The lead's page shows the customers' alerts since the last run, escaped; the portfolio's stay in the report. */
class TeamPageAlertsTest {

    @Test
    void theCustomersAlertsAreShownEscapedAndThePortfoliosAreNot() {
        AlertList alerts = new AlertList(List.of(
                new AlertList.Alert("risk_band_rose", "high", "C7", "Beta <b>&</b>", "risk band rose from low to "
                        + "high since 2026-09-30 (probability of paying late 10.0% then, 72.0% now); USD 1,234.50 "
                        + "open"),
                new AlertList.Alert("metric_out_of_range", "medium", "dso_countback", "DSO (countback)", "DSO "
                        + "(countback) 56.0 days in 2026-09, above its range"),
                new AlertList.Alert("days_late_jump", "medium", "C8", null, "1 invoice paid in the 30 days to "
                        + "2026-10-31, on average 50.0 days late; the 365 days before, 3 invoices paid on average on "
                        + "time")), LocalDate.of(2026, 9, 30));
        // C7 is ana's on today's worklist; C8 has nothing open any more.
        TeamView view = TeamView.of(List.of(new TeamView.Customer("ana", Worklist.COLLECT, "C7", "Beta", 1, true,
                "call", new java.math.BigDecimal("1234.50"), new java.math.BigDecimal("1234.50"),
                new java.math.BigDecimal("888.84"), 20, false, false)), WorklistConfig.DEFAULT);
        String page = TeamPage.render(view, Map.of("ana", "ana"), LocalDate.of(2026, 10, 31), WorklistConfig.DEFAULT,
                "USD", null, alerts, null, CollectorNames.NONE);
        assertTrue(page.contains("<section id=\"alerts\"><h2>Alerts since the last run</h2>\n<p class=\"rule\">"
                + "Compared with the run as of 2026-09-30. Promises broken since, customers whose risk band rose, "
                + "customers whose days late jumped.</p>\n<table class=\"alerts\">"), page);
        // Each with its collector, to whom the lead hands it.
        assertTrue(page.contains("<tr class=\"high\"><td>high</td><td>risk band rose</td><td>Beta &lt;b&gt;&amp;"
                + "&lt;/b&gt; (C7)</td><td>ana</td><td>risk band rose from low to high since 2026-09-30 (probability "
                + "of paying late 10.0% then, 72.0% now); USD 1,234.50 open</td></tr>\n"
                + "<tr class=\"medium\"><td>medium</td><td>days late jump</td><td>C8</td>"
                + "<td>not on today's worklist</td><td>1 invoice paid"), page);
        assertFalse(page.contains("dso_countback"), page);
        assertFalse(page.contains("<b>&</b>"), page);
    }

    @Test
    void aFirstRunSaysSoWithoutAnIdForASubject() {
        AlertList alerts = new AlertList(List.of(new AlertList.Alert("no_previous_run", "info", "previous_run", null,
                "no earlier run to compare with")), null);
        String page = TeamPage.render(TeamView.of(List.of(), WorklistConfig.DEFAULT), Map.of(),
                LocalDate.of(2026, 10, 31), WorklistConfig.DEFAULT, "USD", null, alerts, null, CollectorNames.NONE);
        assertTrue(page.contains("<p class=\"rule\">Compared with no earlier run. Promises broken since, customers "
                + "whose risk band rose, customers whose days late jumped.</p>\n<table class=\"alerts\">"), page);
        assertTrue(page.contains("<tr class=\"info\"><td>info</td><td>no previous run</td><td></td><td></td>"
                + "<td>no earlier run to compare with</td></tr>"), page);
        assertFalse(page.contains("previous_run"), page);
    }

    @Test
    void aPageRankedByTheBaselineSaysSoUnderItsTitleAndOneRankedByTheModelDoesNot() {
        ModelGate refused = new ModelGate("late_amount_top20", 0.05, 0.312, 0.291, false, "model refused, it does "
                + "not beat the baseline by the margin: late amount in the riskiest 20% of validation invoices 31.2%, "
                + "baseline 29.1%, margin 5.0 points; the worklist ranks by the baseline, the customer's own past "
                + "late share", null, null, null, null);
        String page = emptyPage(refused);
        assertTrue(page.contains("</header>\n<p id=\"ranking\" class=\"warning\"><strong>Ranked by the baseline, "
                + "not the risk model.</strong> The score step's gate: model refused, it does not beat the baseline by "
                + "the margin: late amount in the riskiest 20% of validation invoices 31.2%, baseline 29.1%, margin "
                + "5.0 points; the worklist ranks by the baseline, the customer's own past late share.</p>\n"
                + "<p id=\"capacity\">"), page);
        ModelGate passed = new ModelGate("late_amount_top20", 0.01, 0.351, 0.304, true, "model published", null,
                null, 0.322, 0.301);
        assertFalse(emptyPage(passed)
                .contains("ranking"));
    }

    @Test
    void aPageRankedByAModelThatFellBehindTheBaselineOnItsTestWindowSaysSo() {
        ModelGate published = new ModelGate("late_amount_top20", 0.01, 0.351, 0.304, true, "model published: late "
                + "amount in the riskiest 20% of validation invoices 35.1%, baseline 30.4%, margin 1.0 points", null,
                null, 0.287, 0.301);
        String page = emptyPage(published);
        assertTrue(page.contains("</header>\n<p id=\"ranking\" class=\"warning\"><strong>Ranked by a risk model that "
                + "did not hold on its test window.</strong> It was published on its validation window (model "
                + "published: late amount in the riskiest 20% of validation invoices 35.1%, baseline 30.4%, margin 1.0 "
                + "points); on the later test window the customers' own past late share ranked better: late amount in "
                + "the riskiest 20% of test invoices 28.7%, baseline 30.1%. Check the top of each list against how "
                + "late its customers have paid before.</p>\n<p id=\"capacity\">"), page);
    }

    /** The team page of a day with nothing on the lists, ranked behind {@code gate}. */
    private static String emptyPage(ModelGate gate) {
        return TeamPage.render(TeamView.of(List.of(), WorklistConfig.DEFAULT), Map.of(), LocalDate.of(2026, 10, 31),
                WorklistConfig.DEFAULT, "USD", null, null, gate, CollectorNames.NONE);
    }
}
