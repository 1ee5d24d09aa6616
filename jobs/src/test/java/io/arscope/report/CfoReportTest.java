package io.arscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.arscope.risk.ModelGate;

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
                dso - 1, dso, bpdso, Math.round((dso - bpdso) * 10) / 10.0, cei, 0.0, ar - 10000, ar / 100, 1500.0);
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
                List.of(new ReportData.MonthEnd(LocalDate.of(2026, 4, 30), 1200000, 900000, 780000, 15000.5, 4999.5,
                        1300000, 900000, 43.3)),
                List.of(new ReportData.Accuracy(1, 40, 0.194, 0.0188, 32, 0.7727)), 0.8,
                new ReportData.HorizonTotal(590000.0, 760000.0, 30, 0.767), null);
        List<ReportData.RiskyCustomer> customers = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            customers.add(new ReportData.RiskyCustomer("C" + i, "Customer " + i, "ana", "collect", 1000.0 * i,
                    500.0 * i, 0.5, i == 4 ? 0 : i == 3 ? -1 : 10 * i, "call"));
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
        assertEquals("Best possible DSO (countback)", kpis.get(3).name());
        // The floor the terms allow: a change is neither good nor bad news.
        assertEquals(0, kpis.get(3).goodDirection());
        assertEquals("Delinquent DSO (countback)", kpis.get(4).name());
        // Disputed AR is 1% of ending AR in the hand-made months; write-offs are 1,500 every month.
        assertEquals("Disputed AR", kpis.get(8).name());
        assertEquals("12,346", kpis.get(8).value());
        assertEquals(2345.678, kpis.get(8).changeVsMonth(), 1e-6);
        assertEquals(3345.678, kpis.get(8).changeVsYear(), 1e-6);
        assertEquals("Write-offs in month", kpis.get(9).name());
        assertEquals("1,500", kpis.get(9).value());
        assertEquals(0.0, kpis.get(9).changeVsMonth(), 1e-9);
        assertEquals("Credit-loss allowance (ECL)", kpis.get(10).name());
        assertEquals("6,697", kpis.get(10).value());
    }

    @Test
    void aLatestMonthWhoseInvoicesStopEarlyIsSaidAboveTheHeadlineFigures() {
        ReportData d = data();
        String cutOff = "invoices in 2026-03 stop on 2026-03-02 (9 invoices), while in each of the 6 months before "
                + "they ran to day 27 or later (104 invoices a month): if the export was cut early, 2026-03's credit "
                + "sales are short & its DSO and CEI are not comparable";
        String html = CfoReport.render(new ReportData(d.asOf(), d.months(), d.bucketLabels(), d.provision(),
                d.forecast(), d.riskiest(), d.currency(), d.slices(), d.trends(), d.lastMonthProvision(),
                d.activity(), d.watch(), d.alerts(), d.worklistGate(), cutOff, null), "Receivables report",
                "arscope test");
        assertTrue(html.contains("<h2>Headline</h2><p class=\"note\">Read the latest month with care: invoices in "
                + "2026-03 stop on 2026-03-02 (9 invoices), while in each of the 6 months before they ran to day 27 "
                + "or later (104 invoices a month): if the export was cut early, 2026-03's credit sales are short "
                + "&amp; its DSO and CEI are not comparable.</p>\n<div class=\"kpis\">"), html);
        // The forecast's sales not yet made run at a rate that takes the cut month in.
        assertTrue(html.contains("of it comes from sales not yet made, at the trailing average rate, which takes in "
                + "the latest month, whose invoices look cut (see the note above the figures): it may be "
                + "understated. If new sales run"), html);
        String whole = CfoReport.render(d, "Receivables report", "arscope test");
        assertFalse(whole.contains("Read the latest month"));
        assertFalse(whole.contains("look cut"));
    }

    /** A currency the mapping set, the export naming none, is said to be the mapping's where the report names it. */
    @Test
    void aCurrencyTheMappingSetIsSaidToBeTheMappings() {
        ReportData d = data();
        String html = CfoReport.render(new ReportData(d.asOf(), d.months(), d.bucketLabels(), d.provision(),
                d.forecast(), d.riskiest(), "USD", d.slices(), d.trends(), d.lastMonthProvision(), d.activity(),
                d.watch(), d.alerts(), d.worklistGate(), null, "US<D>"), "Receivables report", "arscope test");
        assertTrue(html.contains("amounts in <strong>USD</strong> (the export names no currency: the mapping sets "
                + "every invoice's to US&lt;D&gt;) &middot; arscope test"), html);
        assertFalse(CfoReport.render(d, "Receivables report", "arscope test").contains("the mapping sets"));
    }

    /**
     * A ledger with no write-off in any month has measured no loss: the allowance reads n/a and says so, where an SAP
     * export whose mapping cannot tell a write-off from a credit memo read "Credit-loss allowance (ECL) 0".
     */
    @Test
    void anAllowanceWithoutAWriteOffOnRecordIsNotAvailable() {
        ReportData d = data();
        List<ReportData.Month> noWriteOffs = d.months().stream().map(m -> new ReportData.Month(m.month(), m.endingAr(),
                m.creditSales(), m.collections(), m.pastDueAr(), m.buckets(), m.dsoStandard(), m.dsoCountback(),
                m.bpdsoCountback(), m.ddsoCountback(), m.cei(), m.badDebtRatio(), m.netEndingAr(), m.disputedAr(), 0.0))
                .toList();
        List<ReportData.ProvisionLine> unknown = d.provision().stream().map(p -> new ReportData.ProvisionLine(
                p.bucket(), p.bucket().equals("91+") ? null : p.rollRate(), null, p.balance(), null, p.overlay()))
                .toList();
        String html = CfoReport.render(new ReportData(d.asOf(), noWriteOffs, d.bucketLabels(), unknown, d.forecast(),
                d.riskiest(), d.currency(), d.slices(), d.trends(), List.of(), d.activity(), d.watch(), d.alerts(),
                d.worklistGate(), null, null), "Receivables report", "arscope test");
        assertTrue(html.contains("n/a (no write-off on record, so no loss rate can be measured; see the allowance "
                + "below)"), html);
        assertFalse(html.contains("no roll history"), html);
        assertTrue(html.contains("credit-loss allowance beside it: <strong>n/a (no write-off on record, so no loss "
                + "rate can be measured)</strong>"), html);
    }

    /**
     * What ingest rejected is said under the title, before any figure: an SAP extract lost 10 of BSID.csv's 61 rows
     * (a payment clearing several invoices, residual items) and the report did not say so.
     */
    @Test
    void whatIngestRejectedIsSaidUnderTheTitle() {
        ReportData d = data();
        String rejects = IngestRejects.sentence(List.of(new IngestRejects.SourceFile("BSAD.csv", 585, 0, 8),
                new IngestRejects.SourceFile("BSID.csv", 61, 0, 10), new IngestRejects.SourceFile("kurse.csv", 656, 0, 0)));
        assertEquals("Ingest rejected 18 of the 1,302 rows read (1.4%): BSID.csv 10 of 61 (16.4%), BSAD.csv 8 of 585 "
                + "(1.4%). No figure in this report holds what those rows hold; the ingest's rejects.csv gives each "
                + "one's line, field and reason.", rejects);
        String html = CfoReport.render(new ReportData(d.asOf(), d.months(), d.bucketLabels(), d.provision(),
                d.forecast(), d.riskiest(), d.currency(), d.slices(), d.trends(), d.lastMonthProvision(),
                d.activity(), d.watch(), d.alerts(), d.worklistGate(), null, null, rejects.replace("BSID", "<BSID>")),
                "Receivables report", "arscope test");
        assertTrue(html.contains("arscope test</p><p class=\"warning\">Ingest rejected 18 of the 1,302 rows read "
                + "(1.4%): &lt;BSID&gt;.csv 10 of 61 (16.4%)"), html);
        assertFalse(CfoReport.render(d, "Receivables report", "arscope test").contains("Ingest rejected"));
        assertNull(IngestRejects.sentence(List.of(new IngestRejects.SourceFile("invoices.csv", 5030, 0, 0))));
        // Beyond four files with rejects, the rest are counted: the most rejected first, ties by name.
        List<IngestRejects.SourceFile> six = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            six.add(new IngestRejects.SourceFile("f" + i + ".csv", 110, 10, i == 6 ? 1 : 2));
        }
        assertEquals("Ingest rejected 11 of the 600 data rows (1.8%; of the 660 rows read, the mapping ignored 60): "
                + "f1.csv 2 of 100 (2.0%), f2.csv 2 of 100 (2.0%), "
                + "f3.csv 2 of 100 (2.0%), f4.csv 2 of 100 (2.0%) and 2 more files. No figure in this report holds "
                + "what those rows hold; the ingest's rejects.csv gives each one's line, field and reason.",
                IngestRejects.sentence(six));
    }

    /** A ledger with EUR and USD customers reported in GBP says so where it names GBP, and how they are valued. */
    @Test
    void theCurrenciesConvertedAreNamedBesideTheReportingOne() {
        ReportData d = data();
        String html = CfoReport.render(new ReportData(d.asOf(), d.months(), d.bucketLabels(), d.provision(),
                d.forecast(), d.riskiest(), "GBP", d.slices(), d.trends(), d.lastMonthProvision(), d.activity(),
                d.watch(), d.alerts(), d.worklistGate(), null, null, null, List.of("EUR", "USD")),
                "Receivables report", "arscope test");
        assertTrue(html.contains("amounts in <strong>GBP</strong> (EUR and USD converted into it: sales, cash and "
                + "credits at the rate of their day, balances at the rate of the month-end or the as-of date) &middot; "
                + "arscope test"), html);
        assertFalse(CfoReport.render(d, "Receivables report", "arscope test").contains("converted into it"));
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
        // Provision matrix: loss rate of 1-30 is 0.30 x 0.45 x 0.60 x 0.70 = 5.67%, shown to the hundredth so that
        // 25,000 x 5.67% gives the 1,418 beside it; total ECL 6,697.46, 4.46% of AR.
        assertTrue(html.contains("<td>1-30</td><td class=\"num\">30.0%</td><td class=\"num\">5.67%</td>"
                + "<td class=\"num\">25,000</td><td class=\"num\">1,418</td>"), html);
        assertTrue(html.contains("<td class=\"num\">4.46%</td><td class=\"num\">150,000</td>"
                + "<td class=\"num\">6,697</td>"));
        // Forecast: 650,000 in two weeks, the interval where there is one, n/a and why where there is not.
        // The total has its own interval, calibrated on past totals: not the weeks' bounds added up.
        assertTrue(html.contains("next 2 weeks from 2026-03-31: <strong>650,000</strong> (80% interval 590,000 "
                + "&ndash; 760,000; at the past year's origins the same interval held the 2 weeks' cash 76.7% of the "
                + "time (30))"), html);
        assertTrue(html.contains("<td class=\"num\">650,000</td><td class=\"num\">590,000 &ndash; 760,000</td>"),
                html);
        assertTrue(html.contains("<td class=\"num\">350,000</td><td class=\"num\">280,000 &ndash; 420,000</td>"));
        assertTrue(html.contains("<td class=\"num\">300,000</td><td class=\"num\">n/a (too few past errors for an "
                + "interval)</td>"));
        assertTrue(html.contains("<td class=\"num\">19.4%</td><td class=\"num\">1.9%</td>"
                + "<td class=\"num\">77.3% (32)</td>"));
        // DSO ahead closes to the cent: 1,200,000 + 900,000 - 780,000 - 15,000.50 - 4,999.50 = 1,300,000.
        assertTrue(html.contains("<th class=\"num\">Opening AR</th><th class=\"num\">+ Expected sales</th>"
                + "<th class=\"num\">\u2212 Expected collections</th><th class=\"num\">\u2212 Expected credit memos</th>"
                + "<th class=\"num\">\u2212 Expected write-offs</th><th class=\"num\">= Expected AR</th>"), html);
        assertTrue(html.contains("<td>2026-04-30</td><td class=\"num\">1,200,000.00</td>"
                + "<td class=\"num\">900,000.00</td><td class=\"num\">780,000.00</td><td class=\"num\">15,000.50</td>"
                + "<td class=\"num\">4,999.50</td><td class=\"num\">1,300,000.00</td><td class=\"num\">900,000.00</td>"
                + "<td class=\"num\">43.3</td>"), html);
        // Riskiest: the ten largest expected-late amounts, C12 first; C1 and C2 fall off.
        int c12 = html.indexOf("Customer 12 (C12)");
        assertTrue(c12 > 0 && c12 < html.indexOf("Customer 11 (C11)"));
        assertTrue(html.contains("Customer 3 (C3)"));
        assertFalse(html.contains("Customer 2 (C2)"));
        assertTrue(html.contains("<td class=\"num\">6,000</td><td class=\"num\">120</td><td>call</td>"));
        // Customers with nothing past due show when their first invoice falls due, not a count of 0 or less.
        assertTrue(html.contains("<td class=\"num\">2,000</td><td class=\"num\">current (due today)</td>"
                + "<td>call</td>"), html);
        assertTrue(html.contains("<td class=\"num\">1,500</td><td class=\"num\">current (due in 1 day)</td>"
                + "<td>call</td>"), html);
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
                List.of(100.0, 0.0, 0.0, 0.0, 0.0), 30.0, 30.0, 30.0, 0.0, 100.0, 0.0, 100.0, 0.0, 0.0);
        ReportData.Month emptied = new ReportData.Month("2026-10", null, null, null, null, none, null, null, null,
                null, null, null, null, null, null);
        List<ReportData.ProvisionLine> provision = List.of(new ReportData.ProvisionLine("current", 0.5, 0.0, null,
                0.0, 1.0));
        ReportData.Forecast forecast = new ReportData.Forecast(LocalDate.of(2026, 10, 31), List.of(
                new ReportData.Week(1, LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 7), 10, 0, null, null)),
                List.of(new ReportData.MonthEnd(LocalDate.of(2026, 11, 30), 100, 0, 10, 0, 0, 90, 0, null)),
                List.of(new ReportData.Accuracy(1, 3, null, null, 0, null)), 0.8,
                new ReportData.HorizonTotal(null, null, 0, null), null);
        ReportData missing = new ReportData(LocalDate.of(2026, 10, 31), List.of(september, emptied),
                List.of("current", "1-30", "31-60", "61-90", "91+"), provision, forecast, null);
        List<CfoReport.Kpi> kpis = CfoReport.kpis(missing);
        assertEquals(List.of("n/a (empty in period_metrics for 2026-10)", "n/a (empty in period_metrics for 2026-10)",
                "n/a (empty in period_metrics for 2026-10)", "n/a (empty in period_metrics for 2026-10)",
                "n/a (DSO is n/a)",
                "n/a (beginning AR + credit sales - current AR is zero in 2026-10)",
                "n/a (empty in period_metrics for 2026-10)", "n/a (empty in period_metrics for 2026-10)",
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
        assertTrue(html.contains("Latest actual DSO (standard, 2026-10): n/a (empty in period_metrics for 2026-10)."));
        assertTrue(html.contains("<td>2026-11-30</td><td class=\"num\">100.00</td><td class=\"num\">0.00</td>"
                + "<td class=\"num\">10.00</td><td class=\"num\">0.00</td><td class=\"num\">0.00</td>"
                + "<td class=\"num\">90.00</td><td class=\"num\">0.00</td>"
                + "<td class=\"num\">n/a (no credit sales expected)</td>"), html);
        assertTrue(html.contains("<td class=\"num\">n/a (no cash came in)</td><td class=\"num\">n/a (no cash came "
                + "in)</td><td class=\"num\">n/a (no interval yet)</td>"), html);
        assertTrue(html.contains("next week from 2026-10-31: <strong>10</strong> (80% interval n/a (too few past "
                + "errors for an interval))"), html);

        ReportData.Month quiet = new ReportData.Month("2026-10", 0.0, 0.0, 100.0, 0.0,
                List.of(0.0, 0.0, 0.0, 0.0, 0.0), null, 0.0, 0.0, 0.0, null, null, 0.0, 0.0, 0.0);
        ReportData nothingOpen = new ReportData(LocalDate.of(2026, 10, 31), List.of(quiet),
                List.of("current", "1-30", "31-60", "61-90", "91+"), List.of(), forecast, null);
        List<CfoReport.Kpi> quietKpis = CfoReport.kpis(nothingOpen);
        assertEquals("0", quietKpis.get(0).value());
        assertEquals("no 2026-09 in the metrics", quietKpis.get(0).noChangeVsMonth());
        assertEquals("no 2025-10 in the metrics", quietKpis.get(0).noChangeVsYear());
        assertEquals("n/a (beginning AR + credit sales - current AR is zero in 2026-10)", quietKpis.get(5).value());
        assertEquals("n/a (no AR at the end of 2026-10)", quietKpis.get(6).value());
        String page = CfoReport.render(nothingOpen, "Receivables report", "arscope test");
        assertTrue(page.contains("Latest actual DSO (standard, 2026-10): n/a (no credit sales in 2026-10)."), page);
        assertTrue(page.contains("<td>1-30</td><td class=\"num\">0</td><td class=\"num\">n/a (no AR at the end of "
                + "2026-10)</td>"), page);
    }

    /**
     * The slices of the latest month, one table per dimension, largest AR first and the portfolio on the last line:
     * Services' standard DSO 48.7 against Equipment's 30.8, as on the sample.
     */
    /**
     * A dimension the data never names is one "(none)" slice ("unassigned" for the collector) repeating the total:
     * said once, not tabulated.
     */
    @Test
    void dimensionsTheDataNeverNamesAreSaidOnceNotTabulated() {
        ReportData d = data();
        ReportData.Month all = d.months().get(d.months().size() - 1);
        ReportData sliced = new ReportData(d.asOf(), d.months(), d.bucketLabels(), d.provision(), d.forecast(),
                d.riskiest(), "EUR", List.of(new ReportData.Slice("business_unit", "(none)", all),
                        new ReportData.Slice("collector", "unassigned", all),
                        new ReportData.Slice("region", "North", all), new ReportData.Slice("region", "(none)", all)),
                List.of(), List.of());
        String html = CfoReport.render(sliced, "Receivables report", "arscope test");
        assertTrue(html.contains("<h3>By region</h3>"), html);
        assertTrue(html.contains("<tr><td>(none)</td>"), html);
        assertFalse(html.contains("<h3>By business unit</h3>") || html.contains("<h3>By collector</h3>"), html);
        assertTrue(html.contains("Not sliced by business unit, collector: the data names none, so each would be one "
                + "slice holding the whole portfolio."), html);
    }

    @Test
    void slicesShowTheirDsoCeiAndAging() {
        ReportData d = data();
        ReportData.Month services = new ReportData.Month("2026-03", 300000.0, 184800.0, 150000.0, 60000.0,
                List.of(240000.0, 40000.0, 15000.0, 5000.0, 0.0), 48.7, 50.2, 40.1, 10.1, 70.5, 0.0, 295000.0,
                20000.0, 0.0);
        ReportData.Month equipment = new ReportData.Month("2026-03", 934567.8, 940000.0, 500000.0, 186913.56,
                List.of(747654.24, 186913.56, 0.0, 0.0, 0.0), 30.8, 41.3, 29.0, 12.3, null, 0.0, 929567.8, 0.0,
                1500.0);
        ReportData.Month north = new ReportData.Month("2026-03", 1234567.8, 0.0, 650000.0, 246913.56,
                List.of(987654.24, 246913.56, 0.0, 0.0, 0.0), null, 43.5, 31.9, 11.6, 73.3, 0.0, 1224567.8, 12345.68,
                1500.0);
        ReportData sliced = new ReportData(d.asOf(), d.months(), d.bucketLabels(), d.provision(), d.forecast(),
                d.riskiest(), "EUR", List.of(new ReportData.Slice("region", "North", north),
                        new ReportData.Slice("segment", "Equipment", equipment),
                        new ReportData.Slice("segment", "Services", services)), List.of(), List.of());
        String html = CfoReport.render(sliced, "Receivables report", "arscope test");
        int section = html.indexOf("<section id=\"slices\"><h2>Slices in 2026-03</h2>");
        assertTrue(section > 0, html);
        assertTrue(html.contains("it divides by the month's sales alone, so a slice that billed little in the month "
                + "reads far higher than its countback, which walks back through the months before.</p>"), html);
        String head = "<th>Value</th><th class=\"num\">Ending AR</th><th class=\"num\">DSO (countback)</th>"
                + "<th class=\"num\">DSO (standard)</th><th class=\"num\">CEI</th>"
                + "<th class=\"num\">Past due share</th><th class=\"num\">current</th>";
        assertTrue(html.contains(head), html);
        String equipmentRow = "<tr><td>Equipment</td><td class=\"num\">934,568</td><td class=\"num\">41.3</td>"
                + "<td class=\"num\">30.8</td><td class=\"num\">n/a (nothing to collect)</td>"
                + "<td class=\"num\">20.0%</td><td class=\"num\">747,654</td><td class=\"num\">186,914</td>"
                + "<td class=\"num\">0</td><td class=\"num\">0</td><td class=\"num\">0</td></tr>";
        String servicesRow = "<tr><td>Services</td><td class=\"num\">300,000</td><td class=\"num\">50.2</td>"
                + "<td class=\"num\">48.7</td><td class=\"num\">70.5%</td><td class=\"num\">20.0%</td>"
                + "<td class=\"num\">240,000</td><td class=\"num\">40,000</td><td class=\"num\">15,000</td>"
                + "<td class=\"num\">5,000</td><td class=\"num\">0</td></tr>";
        String all = "<tr class=\"total\"><td>All</td><td class=\"num\">1,234,568</td><td class=\"num\">43.5</td>"
                + "<td class=\"num\">42.5</td><td class=\"num\">73.3%</td><td class=\"num\">20.0%</td>";
        int bySegment = html.indexOf("<h3>By segment</h3>");
        int byRegion = html.indexOf("<h3>By region</h3>");
        assertTrue(byRegion > section && bySegment > byRegion, html);
        assertTrue(html.indexOf(equipmentRow) > bySegment, html);
        assertTrue(html.indexOf(servicesRow) > html.indexOf(equipmentRow), html);
        assertTrue(html.indexOf(all, bySegment) > html.indexOf(servicesRow), html);
        assertEquals(2, html.split(java.util.regex.Pattern.quote(all)).length - 1);
        // Without slices (metrics of a ledger with no slicing columns) the section is absent, not empty.
        assertFalse(CfoReport.render(d, "Receivables report", "arscope test").contains("id=\"slices\""));
    }

    /**
     * Trends whose slope passes its test at p < 0.05 are stated in words, with the test; at p = 0.05 or without a
     * p-value they are not, and with none passing the section says so.
     */
    @Test
    void significantTrendsAreStatedInWords() {
        List<ReportData.Trend> trends = List.of(
                new ReportData.Trend("cei", "2026-10", 73.3, 75.0, -0.2, 0.05, 24),
                new ReportData.Trend("on_time_rate_amount", "2026-10", 0.555, 0.74, -0.0123, 0.019, 24),
                new ReportData.Trend("bpdso_countback", "2026-10", 35.1, 30.2, 0.4, 0.006, 24),
                new ReportData.Trend("dso_countback", "2026-10", 40.1, null, 0.31, 0.0004, 9),
                new ReportData.Trend("wadl", "2026-10", 3.0, 3.1, 0.0, null, 2),
                new ReportData.Trend("collection_ratio", "2026-10", 0.9, 0.8, 0.01, 0.001, 24),
                new ReportData.Trend("avg_days_to_pay", "2026-08", 40.4, 41.6, 0.45, 0.001, 34),
                new ReportData.Trend("add_past_due", "2026-08", 20.0, 20.0, -0.1, 0.001, 34));
        assertEquals(List.of(
                "DSO (countback) is rising 0.31 days a month (slope p<0.001, 9 months): 40.1 in 2026-10, with no "
                        + "value a year before.",
                "BPDSO (countback) is rising 0.40 days a month (slope p=0.006, 24 months): 35.1 in 2026-10 against "
                        + "30.2 a year before.",
                "The on-time rate by amount is falling 1.23 pts a month (slope p=0.019, 24 months): 55.5% in 2026-10 "
                        + "against 74.0% a year before.",
                "Average days delinquent of past-due AR is falling 0.10 days a month (slope p=0.001, 34 months): 20.0 "
                        + "in 2026-08 against 20.0 a year before.",
                "Average days to pay is rising 0.45 days a month (slope p=0.001, 34 months): 40.4 in 2026-08 against "
                        + "41.6 a year before, the other way over the latest year."),
                SignificantTrends.sentences(trends));
        String html = CfoReport.render(data(), "Receivables report", "arscope test");
        assertTrue(html.contains("<section id=\"trend-tests\"><h2>Significant trends</h2>\n<p class=\"note\">No "
                + "trend of the total portfolio passes its test. A trend is stated when the slope of its monthly "
                + "series differs from zero at p &lt; 0.05 (two-sided t-test on the least-squares slope).</p>"), html);
    }

    /**
     * The forecast says how much of it is future sales (150,000 of 650,000, 23.1%), the range when those run 10% (or
     * 20%) below or above their average, and its backtest bias.
     */
    @Test
    void forecastStatesItsBiasItsShareFromNewSalesAndAScenario() {
        String html = CfoReport.render(data(), "Receivables report", "arscope test");
        assertTrue(html.contains("<p>150,000 (23.1%) of it comes from sales not yet made, at the trailing average "
                + "rate. If new sales run 10.0% below or above that average, expected collections are 635,000 to "
                + "665,000. In its backtest the forecast was biased high at its one horizon (bias 1.9%; expect less "
                + "cash than shown). Its 80% interval held the cash that came in 77.3% of past weeks (its one "
                + "horizon).</p>"), html);
        assertTrue(CfoReport.render(data(), "Receivables report", "arscope test", 0.2)
                .contains("If new sales run 20.0% below or above that average, expected collections are 620,000 to "
                        + "680,000."));
        assertEquals("In its backtest the forecast was biased high at all 3 horizons (bias from 0.5% to 4.1%; expect "
                + "less cash than shown).", ForecastCaveats.bias(List.of(accuracy(1, 0.005), accuracy(2, 0.041),
                        accuracy(3, 0.02))));
        assertEquals("In its backtest the forecast was biased high at 1 and low at 1 of 2 horizons (bias from -3.0% "
                + "to 2.0%).", ForecastCaveats.bias(List.of(accuracy(1, -0.03), accuracy(2, 0.02),
                        accuracy(3, null))));
        assertEquals("Its backtest has no bias yet (no cash came in at any origin).",
                ForecastCaveats.bias(List.of(accuracy(1, null))));
        // IBM's backtest: 61.4% to 75.0% at its horizons, 75.0% reading as kept; the sample's within 75 to 85%.
        // Together: 32 + 39 + 36 of 156 weeks (0.614, 0.7499 and 0.70 of 52 each) = 68.6%.
        assertEquals("Its 80% interval held the cash that came in from 61.4% to 75.0% of past weeks, by horizon, "
                + "68.6% over all 3 together; below 75.0% at weeks 1 and 3: expect the cash to fall outside it more "
                + "often than its level says there.",
                ForecastCaveats.coverage(List.of(covered(1, 0.614), covered(2, 0.7499), covered(3, 0.70)), 0.8));
        // 32 + 36 of 104.
        assertEquals("Its 80% interval held the cash that came in from 61.4% to 70.0% of past weeks, by horizon, "
                + "65.4% over both together; below 75.0% at weeks 1 and 2: expect the cash to fall outside it more "
                + "often than its level says there.",
                ForecastCaveats.coverage(List.of(covered(1, 0.614), covered(2, 0.70), covered(3, null)), 0.8));
        // 40 + 44 of 104.
        assertEquals("Its 80% interval held the cash that came in from 76.0% to 84.0% of past weeks, by horizon, "
                + "80.8% over both together.", ForecastCaveats.coverage(List.of(covered(1, 0.76), covered(2, 0.84)),
                        0.8));
        // 36 + 47 of 104.
        assertEquals("Its 80% interval held the cash that came in from 70.0% to 90.0% of past weeks, by horizon, "
                + "79.8% over both together; below 75.0% at week 1 and above 85.0% at week 2.",
                ForecastCaveats.coverage(List.of(covered(1, 0.70), covered(2, 0.90)), 0.8));
        // The sample's shape: weeks 1 to 3 within the band, 4 and 5 above it; 40 + 41 + 42 + 45 + 46 of 260.
        assertEquals("Its 80% interval held the cash that came in from 76.9% to 88.5% of past weeks, by horizon, "
                + "82.3% over all 5 together; above 85.0% at weeks 4 and 5: there it is wider than it needs to be.",
                ForecastCaveats.coverage(List.of(covered(1, 0.769), covered(2, 0.788), covered(3, 0.808),
                        covered(4, 0.865), covered(5, 0.885)), 0.8));
        assertEquals("", ForecastCaveats.coverage(List.of(covered(1, null)), 0.8));
    }

    private static ReportData.Accuracy covered(int week, Double coverage) {
        return new ReportData.Accuracy(week, 52, 0.1, 0.01, coverage == null ? 0 : 52, coverage);
    }

    private static ReportData.Accuracy accuracy(int week, Double bias) {
        return new ReportData.Accuracy(week, 10, 0.1, bias, 0, null);
    }

    /**
     * The allowance against last month: February's balances 100,000 / 20,000 / 8,000 / 4,000 / 2,000 at the roll
     * rates then (current 7% instead of 8%) give 6,122.90; March's is 6,697.46, +575: +512 from balances (10,000 x
     * 0.3969% + 5,000 x 5.67% + 1,000 x 18.9%) and +63 from loss rates (110,000 x 0.0567 percentage points).
     */
    @Test
    void allowanceChangesAgainstLastMonthWithItsDrivers() {
        ReportData d = data();
        double[] balances = {100000, 20000, 8000, 4000, 2000};
        double[] rolls = {0.07, 0.30, 0.45, 0.60, 0.70};
        List<ReportData.ProvisionLine> february = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            double loss = 1;
            for (int j = k; j < 5; j++) {
                loss *= rolls[j];
            }
            february.add(new ReportData.ProvisionLine(d.bucketLabels().get(k), rolls[k], loss, balances[k],
                    balances[k] * loss, 1.0));
        }
        ReportData withFebruary = new ReportData(d.asOf(), d.months(), d.bucketLabels(), d.provision(), d.forecast(),
                d.riskiest(), null, List.of(), List.of(), february);
        assertEquals(6122.9, withFebruary.lastMonthAllowance(), 1e-6);
        CfoReport.Kpi ecl = CfoReport.kpis(withFebruary).get(10);
        assertEquals(574.56, ecl.changeVsMonth(), 1e-6);
        String html = CfoReport.render(withFebruary, "Receivables report", "arscope test");
        assertTrue(html.contains("<div class=\"kpi-value\">6,697</div><div class=\"kpi-change\"><span class=\"bad\">"
                + "+575</span> vs last month<br>n/a vs last year (not recomputed for a year before)</div>"), html);
        assertTrue(html.contains("<p>Against 2026-02 (6,123, that month-end's aging at the roll rates known then) "
                + "the allowance rose 575: +512 from balances (their change at 2026-02's loss rates) and +63 "
                + "from loss rates.</p>"), html);
        // Current: 0.08 x 0.0567 = 0.4536% of 110,000 = 499; February's 0.07 x 0.0567 = 0.3969% of 100,000 = 397.
        assertTrue(html.contains("<td>current</td><td class=\"num\">8.0%</td><td class=\"num\">0.45%</td>"
                + "<td class=\"num\">110,000</td><td class=\"num\">499</td><td class=\"num\">0.40%</td>"
                + "<td class=\"num\">100,000</td><td class=\"num\">397</td></tr>"), html);
        assertTrue(html.contains("<td class=\"num\">6,697</td><td></td><td class=\"num\">134,000</td>"
                + "<td class=\"num\">6,123</td></tr>"), html);
        // Without last month's matrix: n/a and why, never 0.
        String without = CfoReport.render(d, "Receivables report", "arscope test");
        assertTrue(without.contains("No change against 2026-02 is shown: the allowance at 2026-02 could not be "
                + "recomputed (no aging of that month-end in period_metrics)."), without);
        assertTrue(without.contains("n/a vs last month (no aging at 2026-02 in period_metrics to recompute it)"));
        // February's aging is there but its last bucket had never rolled to write-off (IBM's ledger): the loss
        // rates were unknown then, which is the reason given, not a missing aging.
        List<ReportData.ProvisionLine> unknown = february.stream().map(l -> new ReportData.ProvisionLine(l.bucket(),
                l.rollRate(), null, l.balance(), null, 1.0)).toList();
        String unknownThen = CfoReport.render(new ReportData(d.asOf(), d.months(), d.bucketLabels(), d.provision(),
                d.forecast(), d.riskiest(), null, List.of(), List.of(), unknown), "Receivables report", "arscope test");
        assertTrue(unknownThen.contains("No change against 2026-02 is shown: the allowance at 2026-02 is not known, "
                + "since a roll rate on the way to write-off was unknown then."), unknownThen);
        assertTrue(unknownThen.contains("n/a vs last month (a roll rate on the way to write-off was unknown at "
                + "2026-02)"), unknownThen);
        assertTrue(unknownThen.contains("<td class=\"num\">134,000</td><td class=\"num\">n/a (a roll rate on the "
                + "way to write-off was unknown at 2026-02)</td></tr>"), unknownThen);
    }

    @Test
    void aWorklistWithNoOpenInvoiceSaysSoInsteadOfAnEmptyTable() {
        ReportData d = data();
        String html = CfoReport.render(new ReportData(d.asOf(), d.months(), d.bucketLabels(), d.provision(),
                d.forecast(), List.of(), null, List.of(), List.of(), List.of()), "Receivables report", "arscope test");
        assertTrue(html.contains("<h2>Customers with the most money expected late</h2>\n<p class=\"note\">No open "
                + "invoice on the worklist: nothing is expected late.</p>"), html);
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

    @Test
    void theCustomersExpectedLateSayWhenTheirProbabilitiesAreTheBaselinesNotTheModels() {
        ReportData d = data();
        ModelGate refused = new ModelGate("late_amount_top20", 0.05, 0.312, 0.291, false, "model refused, it does "
                + "not beat the baseline by the margin: late amount in the riskiest 20% of validation invoices 31.2%, "
                + "baseline 29.1%, margin 5.0 points; the worklist ranks by the baseline, the customer's own past "
                + "late share", null, null, null, null);
        ReportData byTheBaseline = new ReportData(d.asOf(), d.months(), d.bucketLabels(), d.provision(),
                d.forecast(), d.riskiest(), d.currency(), d.slices(), d.trends(), d.lastMonthProvision(),
                d.activity(), d.watch(), d.alerts(), refused);
        String html = CfoReport.render(byTheBaseline, "Receivables report", "arscope test");
        assertTrue(html.contains("<h2>Customers with the most money expected late</h2>\n<p class=\"note\">P(late) "
                + "here is the baseline's, each customer's own past late share, not the risk model's. The score "
                + "step's gate: model refused, it does not beat the baseline by the margin: late amount in the "
                + "riskiest 20% of validation invoices 31.2%, baseline 29.1%, margin 5.0 points; the worklist ranks "
                + "by the baseline, the customer's own past late share.</p>\n<table>"), html);
        assertFalse(CfoReport.render(d, "Receivables report", "arscope test").contains("P(late) here is"));
    }

    @Test
    void theCustomersExpectedLateSayWhenThePublishedModelFellBehindTheBaselineOnItsTestWindow() {
        ReportData d = data();
        ModelGate published = new ModelGate("late_amount_top20", 0.01, 0.351, 0.304, true, "model published: late "
                + "amount in the riskiest 20% of validation invoices 35.1%, baseline 30.4%, margin 1.0 points", null,
                null, 0.287, 0.301);
        String html = CfoReport.render(new ReportData(d.asOf(), d.months(), d.bucketLabels(), d.provision(),
                d.forecast(), d.riskiest(), d.currency(), d.slices(), d.trends(), d.lastMonthProvision(),
                d.activity(), d.watch(), d.alerts(), published), "Receivables report", "arscope test");
        assertTrue(html.contains("<h2>Customers with the most money expected late</h2>\n<p class=\"note\">P(late) "
                + "here is the risk model's, published on its validation window (model published: late amount in the "
                + "riskiest 20% of validation invoices 35.1%, baseline 30.4%, margin 1.0 points), but on the later "
                + "test window each customer's own past late share ranked better: late amount in the riskiest 20% of "
                + "test invoices 28.7%, baseline 30.1%.</p>\n<table>"), html);
        ModelGate held = new ModelGate("late_amount_top20", 0.01, 0.351, 0.304, true, "model published", null, null,
                0.301, 0.301);
        assertFalse(CfoReport.render(new ReportData(d.asOf(), d.months(), d.bucketLabels(), d.provision(),
                d.forecast(), d.riskiest(), d.currency(), d.slices(), d.trends(), d.lastMonthProvision(),
                d.activity(), d.watch(), d.alerts(), held), "Receivables report", "arscope test")
                .contains("P(late) here is"));
    }

    @Test
    void aForecastWhoseNewSalesAreMostlyOneInvoiceSaysSoFirst() {
        ReportData d = data();
        ReportData.Forecast f = d.forecast();
        String said = "one invoice, BIG of 2026-03-20 for 1,001.00, is 50.0% of the 2,001.00 of credit sales in the 2 "
                + "weeks to 2026-03-31 whose daily mean the forecast takes as its new sales: it expects that amount to "
                + "be sold again within 2 weeks; check the invoice, and read the cash from new sales without it";
        ReportData.Forecast concentrated = new ReportData.Forecast(f.asOf(), f.weeks(), f.dso(), f.accuracy(),
                f.intervalLevel(), f.total(), said);
        assertTrue(ForecastCaveats.of(concentrated, 0.1, false).startsWith("<p>O" + said.substring(1) + ". "),
                ForecastCaveats.of(concentrated, 0.1, false));
        assertFalse(ForecastCaveats.of(f, 0.1, false).contains("One invoice"));
    }
}
