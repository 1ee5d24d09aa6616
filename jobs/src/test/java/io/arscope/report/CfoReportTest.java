package io.arscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The report's figures and their formats on hand-made inputs. March 2026 against February 2026 and March 2025:
 * ending AR 1,234,567.80 (+234,568 and +334,568), countback DSO 43.5 (+1.5 and +3.5 days, both worse), CEI 73.3%
 * (-1.7 and -6.7 points, worse), past-due share 20.0% (flat against February, +10.0 points against last year). The
 * provision matrix is metrics.md's worked example: ECL 6,697 on 150,000, 4.5%.
 */
class CfoReportTest {

    private static ReportData.Month month(String m, double ar, double dso, double bpdso, double cei, double pastDue,
            double collections) {
        return new ReportData.Month(m, ar, 0.0, collections, pastDue, List.of(ar - pastDue, pastDue, 0.0, 0.0, 0.0),
                dso - 1, dso, bpdso, Math.round((dso - bpdso) * 10) / 10.0, cei, 0.0, ar - 10000);
    }

    static ReportData data() {
        List<ReportData.Month> months = List.of(
                month("2025-03", 900000, 40.0, 30.0, 80.0, 90000, 500000),
                month("2026-02", 1000000, 42.0, 31.0, 75.0, 200000, 600000),
                month("2026-03", 1234567.8, 43.5, 31.9, 73.3, 246913.56, 650000));
        double[] balances = {110000, 25000, 9000, 4000, 2000};
        double[] rolls = {0.08, 0.30, 0.45, 0.60, 0.70};
        String[] labels = {"current", "1-30", "31-60", "61-90", "91+"};
        List<ReportData.ProvisionLine> provision = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            double loss = 1;
            for (int j = k; j < 5; j++) {
                loss *= rolls[j];
            }
            provision.add(new ReportData.ProvisionLine(labels[k], rolls[k], loss, balances[k], balances[k] * loss,
                    1.0));
        }
        ReportData.Forecast forecast = new ReportData.Forecast(LocalDate.of(2026, 3, 31), List.of(
                new ReportData.Week(1, LocalDate.of(2026, 4, 1), LocalDate.of(2026, 4, 7), 300000, 50000, 280000.0,
                        420000.0),
                new ReportData.Week(2, LocalDate.of(2026, 4, 8), LocalDate.of(2026, 4, 14), 200000, 100000, null,
                        null)),
                List.of(new ReportData.MonthEnd(LocalDate.of(2026, 4, 30), 1300000, 900000, 43.3)),
                List.of(new ReportData.Accuracy(1, 40, 0.194, 0.0188, 32, 0.7727)), 0.8);
        List<ReportData.RiskyCustomer> customers = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            customers.add(new ReportData.RiskyCustomer("C" + i, "Customer " + i, "ana", "collect", 1000.0 * i,
                    500.0 * i, 0.5, 10 * i, "call"));
        }
        return new ReportData(LocalDate.of(2026, 3, 31), months, List.of(labels), provision, forecast, customers);
    }

    @Test
    void headlineChangesAgainstLastMonthAndLastYear() {
        List<CfoReport.Kpi> kpis = CfoReport.kpis(data());
        assertEquals("Ending AR", kpis.get(0).name());
        assertEquals("1,234,568", kpis.get(0).value());
        assertEquals(234567.8, kpis.get(0).changeVsMonth(), 1e-6);
        assertEquals(334567.8, kpis.get(0).changeVsYear(), 1e-6);
        assertEquals("Net AR, less on-account items", kpis.get(1).name());
        assertEquals("1,224,568", kpis.get(1).value());
        assertEquals(234567.8, kpis.get(1).changeVsMonth(), 1e-6);
        assertEquals("43.5", kpis.get(2).value());
        assertEquals(1.5, kpis.get(2).changeVsMonth(), 1e-9);
        assertEquals(3.5, kpis.get(2).changeVsYear(), 1e-9);
        assertEquals("73.3%", kpis.get(5).value());
        assertEquals(-1.7, kpis.get(5).changeVsMonth(), 1e-9);
        assertEquals("20.0%", kpis.get(6).value());
        assertEquals(0.0, kpis.get(6).changeVsMonth(), 1e-9);
        assertEquals(10.0, kpis.get(6).changeVsYear(), 1e-9);
        assertEquals("Credit-loss allowance (ECL)", kpis.get(8).name());
        assertEquals("6,697", kpis.get(8).value());
    }

    @Test
    void pageShowsFiguresAsFinanceReadsThemAndLoadsNothing() {
        String html = CfoReport.render(data(), "Receivables report", "arscope test");
        assertTrue(html.contains("<span class=\"good\">+234,568</span> vs last month")
                || html.contains("<span class=\"flat\">+234,568</span> vs last month"), html);
        assertTrue(html.contains("<span class=\"bad\">+1.5 days</span> vs last month"));
        assertTrue(html.contains("<span class=\"bad\">+3.5 days</span> vs last year"));
        assertTrue(html.contains("<span class=\"bad\">-6.7 pts</span> vs last year"));
        assertTrue(html.contains("<span class=\"flat\">0.0 pts</span> vs last month"));
        // Provision matrix: loss rate of 1-30 is 0.30 x 0.45 x 0.60 x 0.70 = 5.67%; total ECL 6,697, 4.5% of AR.
        assertTrue(html.contains("<td>1-30</td><td class=\"num\">30.0%</td><td class=\"num\">5.7%</td>"
                + "<td class=\"num\">25,000</td><td class=\"num\">1,418</td>"), html);
        assertTrue(html.contains("<td class=\"num\">4.5%</td><td class=\"num\">150,000</td>"
                + "<td class=\"num\">6,697</td>"));
        // Forecast: 650,000 in two weeks, the interval where there is one, n/a and why where there is not.
        assertTrue(html.contains("next 2 weeks from 2026-03-31: <strong>650,000</strong>"));
        assertTrue(html.contains("<td class=\"num\">350,000</td><td class=\"num\">280,000 &ndash; 420,000</td>"));
        assertTrue(html.contains("<td class=\"num\">300,000</td><td class=\"num\">n/a (too few past errors for an "
                + "interval)</td>"));
        assertTrue(html.contains("<td class=\"num\">19.4%</td><td class=\"num\">1.9%</td>"
                + "<td class=\"num\">77.3% (32)</td>"));
        assertTrue(html.contains("<td>2026-04-30</td><td class=\"num\">1,300,000</td><td class=\"num\">900,000</td>"
                + "<td class=\"num\">43.3</td>"));
        // Riskiest: the ten largest expected-late amounts, C12 first; C1 and C2 fall off.
        int c12 = html.indexOf("Customer 12 (C12)");
        assertTrue(c12 > 0 && c12 < html.indexOf("Customer 11 (C11)"));
        assertTrue(html.contains("Customer 3 (C3)"));
        assertFalse(html.contains("Customer 2 (C2)"));
        assertTrue(html.contains("<td class=\"num\">6,000</td><td class=\"num\">120</td><td>call</td>"));
        // Self-contained: no script, no external resource.
        assertFalse(html.contains("<script"));
        assertFalse(html.contains("src="));
        assertFalse(html.contains("href="));
        assertEquals(4, html.split("<svg ").length - 1);
    }

    /**
     * A latest month whose figures are missing, as an older metrics output left them when ending AR overflowed, and
     * one where they are undefined (nothing open, no credit sales): every headline figure is n/a with its reason,
     * never 0 or a blank, and so is every change that cannot be taken.
     */
    @Test
    void missingFiguresShowNotAvailableAndWhy() {
        List<Double> none = java.util.Arrays.asList(null, null, null, null, null);
        ReportData.Month september = new ReportData.Month("2026-09", 100.0, 100.0, 0.0, 0.0,
                List.of(100.0, 0.0, 0.0, 0.0, 0.0), 30.0, 30.0, 30.0, 0.0, 100.0, 0.0, 100.0);
        ReportData.Month emptied = new ReportData.Month("2026-10", null, null, null, null, none, null, null, null,
                null, null, null, null);
        List<ReportData.ProvisionLine> provision = List.of(new ReportData.ProvisionLine("current", 0.5, 0.0, null,
                0.0, 1.0));
        ReportData.Forecast forecast = new ReportData.Forecast(LocalDate.of(2026, 10, 31), List.of(
                new ReportData.Week(1, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 7), 10, 0, null, null)),
                List.of(new ReportData.MonthEnd(LocalDate.of(2026, 11, 30), 90, 0, null)),
                List.of(new ReportData.Accuracy(1, 3, null, null, 0, null)), 0.8);
        ReportData missing = new ReportData(LocalDate.of(2026, 10, 31), List.of(september, emptied),
                List.of("current", "1-30", "31-60", "61-90", "91+"), provision, forecast, null);
        List<CfoReport.Kpi> kpis = CfoReport.kpis(missing);
        assertEquals(List.of("n/a (empty in period_metrics for 2026-10)", "n/a (empty in period_metrics for 2026-10)",
                "n/a (empty in period_metrics for 2026-10)", "n/a (empty in period_metrics for 2026-10)",
                "n/a (DSO is n/a)",
                "n/a (beginning AR + credit sales - current AR is zero in 2026-10)",
                "n/a (empty in period_metrics for 2026-10)", "n/a (empty in period_metrics for 2026-10)", "0"),
                kpis.stream().map(CfoReport.Kpi::value).toList());
        assertEquals("n/a in 2026-10", kpis.get(0).noChangeVsMonth());
        String html = CfoReport.render(missing, "Receivables report", "arscope test");
        assertTrue(html.contains("<div class=\"kpi-name\">Ending AR</div><div class=\"kpi-value\">n/a (empty in "
                + "period_metrics for 2026-10)</div><div class=\"kpi-change\">n/a vs last month (n/a in 2026-10)<br>"
                + "n/a vs last year (n/a in 2026-10)</div>"), html);
        assertTrue(html.contains("<td>current</td><td class=\"num\">n/a (empty in period_metrics for 2026-10)</td>"
                + "<td class=\"num\">n/a (empty in period_metrics for 2026-10)</td>"), html);
        assertTrue(html.contains("<td class=\"num\">n/a (empty in provision_matrix)</td><td class=\"num\">0</td>"),
                html);
        assertTrue(html.contains("Latest actual standard DSO (2026-10): n/a (empty in period_metrics for 2026-10)."));
        assertTrue(html.contains("<td>2026-11-30</td><td class=\"num\">90</td><td class=\"num\">0</td>"
                + "<td class=\"num\">n/a (no credit sales expected)</td>"), html);
        assertTrue(html.contains("<td class=\"num\">n/a (no cash came in)</td><td class=\"num\">n/a (no cash came "
                + "in)</td><td class=\"num\">n/a (no interval yet)</td>"), html);

        ReportData.Month quiet = new ReportData.Month("2026-10", 0.0, 0.0, 100.0, 0.0,
                List.of(0.0, 0.0, 0.0, 0.0, 0.0), null, 0.0, 0.0, 0.0, null, null, 0.0);
        ReportData nothingOpen = new ReportData(LocalDate.of(2026, 10, 31), List.of(quiet),
                List.of("current", "1-30", "31-60", "61-90", "91+"), List.of(), forecast, null);
        List<CfoReport.Kpi> quietKpis = CfoReport.kpis(nothingOpen);
        assertEquals("0", quietKpis.get(0).value());
        assertEquals("no 2026-09 in the metrics", quietKpis.get(0).noChangeVsMonth());
        assertEquals("no 2025-10 in the metrics", quietKpis.get(0).noChangeVsYear());
        assertEquals("n/a (beginning AR + credit sales - current AR is zero in 2026-10)", quietKpis.get(5).value());
        assertEquals("n/a (no AR at the end of 2026-10)", quietKpis.get(6).value());
        String page = CfoReport.render(nothingOpen, "Receivables report", "arscope test");
        assertTrue(page.contains("Latest actual standard DSO (2026-10): n/a (no credit sales in 2026-10)."), page);
        assertTrue(page.contains("<td>1-30</td><td class=\"num\">0</td><td class=\"num\">n/a (no AR at the end of "
                + "2026-10)</td>"), page);
    }

    @Test
    void financeFormats() {
        assertEquals("(1,500)", FinanceFormat.money(-1500.4));
        assertEquals("1,234,568", FinanceFormat.money(1234567.5));
        assertEquals("1.3M", FinanceFormat.compact(1250000));
        assertEquals("350k", FinanceFormat.compact(350000));
        assertEquals("2.5k", FinanceFormat.compact(2500));
        assertEquals("12.3%", FinanceFormat.share(0.1234));
        assertEquals("n/a", FinanceFormat.days(null));
        assertEquals("n/a (no credit sales in 2026-10)", FinanceFormat.orWhy(Double.NaN, FinanceFormat::days,
                "no credit sales in 2026-10"));
        assertEquals("0.0", FinanceFormat.signed(-0.01));
        assertEquals("1-30", io.arscope.ledger.AgingBuckets.label("aging_1_30"));
        assertEquals("91+", io.arscope.ledger.AgingBuckets.label("aging_91_plus"));
    }
}
