package io.arscope.worklist;

import static io.arscope.testing.LedgerBuilder.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.activity.CollectionActivity;
import io.arscope.ledger.ExchangeRates;
import io.arscope.ledger.ReceivablesLedger;
import io.arscope.ledger.ReportingCurrency;
import io.arscope.risk.RiskScoring;
import io.arscope.run.FileNames;
import io.arscope.testing.LedgerBuilder;
import io.arscope.testing.TestSpark;

/**
 * Issue 18: the collections activity on the collectors' pages and the team page, worked out by hand. As of
 * 2026-04-10 the last whole month is March 2026, shown beside February; grace 3 days. ann owns A1, bob B1 and B2,
 * {@value #CY} (a name to escape) Y1; N1 names no collector.
 *
 * <pre>
 * invoices  IA1 A1 01-10 due 02-09 1,000  600 paid 03-05
 *           IA2 A1 01-15 due 02-14   300  paid 03-10
 *           IB1 B1 01-05 due 02-04 2,000  500 paid 02-25, 1,500 paid 03-16
 *           IB3 B1 02-01 due 03-03   250
 *           IB2 B2 02-01 due 03-03   800  300 paid 03-09
 *           IY1 Y1 03-20 due 04-19   700
 *           IN1 N1 03-01 due 03-31   500
 * contacts  KB1 B1 about IB1 02-10; KA1 A1 about IA1 02-20; KA2 A1 balance 03-02; KB2 B1 balance 03-15
 * promises  PB1 B1 IB1 02-10 by 02-24 1,000: 500 paid 02-25, partly kept (window to 02-27, February)
 *           PA1 A1 IA1 02-20 by 03-03   600: kept by the 03-05 payment (window to 03-06, March)
 *           PA2 A1 IA1 03-06 by 03-20   400: nothing paid from 03-06 to 03-23, broken (March)
 * plan      PLB B2 agreed 03-01: 300 due 03-10 met by the 03-09 payment; 500 due 03-25 missed (800 not paid
 *           by 03-28)
 * </pre>
 *
 * February. ann: no promise closed; coverage IA1 1,000 + IA2 300 overdue, KA1 (02-20) covers to 03-21: 100%. bob:
 * PB1 partly kept, 0 of 1, 500 of 1,000; still open at 02-28 (IB1 owes 1,500), unpaid 500; IB1 1,500 overdue, KB1
 * covers to 03-11: 100%. No plan agreed by 02-28 (none recorded); no invoice paid in full.
 *
 * <p>March. ann: PA1 kept and PA2 broken, 1 of 2, 600 of 1,000; PA2 open at 03-31 (IA1 owes 400), unpaid 400;
 * IA1 400 overdue, KA2 (03-02) covers to 03-31: 100%; IA2 paid 03-10, first contact about it or the balance KA2
 * 03-02: 8 days. bob: no promise closed, none open (IB1 paid); IB3 250 and IB2 500 overdue, KB2 covers B1 only:
 * 250 of 750; PLB 1 of 2, 300 of 800; IB1 paid 03-16, first contact KB1 02-10: 34 days. All: 2 promises, 1 kept,
 * 600 of 1,000; 1 open, 400; 650 of 1,150 covered (56.5%); 21.0 days over 2 invoices. cy and N1 have nothing to
 * measure: nothing overdue at either month-end, no promise, instalment or contact.
 */
@Tag("integration")
class CollectorActivityPagesTest {

    private static final LocalDate AS_OF = d("2026-04-10");
    private static final String TEAM = "All customers";
    static final String CY = "cy <&>";

    @TempDir
    static Path dir;
    private static Path pages;

    @BeforeAll
    static void run() throws Exception {
        SparkSession spark = TestSpark.session();
        new LedgerBuilder().customer("A1", "S", "ann").customer("B1", "S", "bob").customer("B2", "S", "bob")
                .customer("Y1", "S", CY).customer("N1", "S", null)
                .invoice("IA1", "A1", "2026-01-10", "2026-02-09", "1000").payment("IA1", "A1", "2026-03-05", "600")
                .invoice("IA2", "A1", "2026-01-15", "2026-02-14", "300").payment("IA2", "A1", "2026-03-10", "300")
                .invoice("IB1", "B1", "2026-01-05", "2026-02-04", "2000").payment("IB1", "B1", "2026-02-25", "500")
                .payment("IB1", "B1", "2026-03-16", "1500")
                .invoice("IB3", "B1", "2026-02-01", "2026-03-03", "250")
                .invoice("IB2", "B2", "2026-02-01", "2026-03-03", "800").payment("IB2", "B2", "2026-03-09", "300")
                .invoice("IY1", "Y1", "2026-03-20", "2026-04-19", "700")
                .invoice("IN1", "N1", "2026-03-01", "2026-03-31", "500")
                .contact("KB1", "B1", "IB1", "2026-02-10", "call", "promised")
                .contact("KA1", "A1", "IA1", "2026-02-20", "call", "promised")
                .contact("KA2", "A1", null, "2026-03-02", "email", null)
                .contact("KB2", "B1", null, "2026-03-15", "call", "reached")
                .promise("PB1", "B1", "IB1", "2026-02-10", "2026-02-24", "1000")
                .promise("PA1", "A1", "IA1", "2026-02-20", "2026-03-03", "600")
                .promise("PA2", "A1", "IA1", "2026-03-06", "2026-03-20", "400")
                .instalment("PLB", 1, "B2", "2026-03-01", "2026-03-10", "300")
                .instalment("PLB", 2, "B2", "2026-03-01", "2026-03-25", "500")
                .write(spark, dir);
        // As the worklist job does (WorklistJob.write), from scores made by hand.
        ReceivablesLedger cut = ReceivablesLedger.ofIngest(spark, dir.toString()).asOf(AS_OF);
        ReportingCurrency money = ReportingCurrency.choose(cut, ExchangeRates.ofIngest(spark, dir.toString()), null)
                .orElseThrow(IllegalStateException::new);
        ReceivablesLedger ledger = money.valuedAt(cut, AS_OF);
        CollectorActivity byCollector = CollectorActivity.of(cut, CollectionActivity.ofIngest(spark, dir.toString()),
                AS_OF, money, WorklistConfig.DEFAULT.buckets());
        Path out = dir.resolve("out");
        WorklistJob.write(spark, spark.createDataFrame(List.of(
                WorklistTest.score(AS_OF, "IA1", "A1", 60, "400.00", 0.5, "medium", null, "why IA1"),
                WorklistTest.score(AS_OF, "IB3", "B1", 38, "250.00", 0.5, "medium", null, "why IB3"),
                WorklistTest.score(AS_OF, "IB2", "B2", 38, "500.00", 0.5, "medium", null, "why IB2"),
                WorklistTest.score(AS_OF, "IY1", "Y1", -9, "700.00", 0.5, "medium", null, "why IY1"),
                WorklistTest.score(AS_OF, "IN1", "N1", 10, "500.00", 0.5, "medium", null, "why IN1")),
                RiskScoring.SCHEMA), CollectionContext.customers(ledger, AS_OF),
                CollectionContext.invoiceNotes(ledger, AS_OF), ExpectedDaysToPay.settledInvoices(ledger, AS_OF),
                CustomerActivity.none(spark), null, byCollector, CollectorNames.NONE, WorklistConfig.DEFAULT,
                out.toString(),
                new WorklistJob.ScoreSource("in", null, "model", "sha", null, null), java.util.Map.of(), AS_OF,
                Instant.now());
        TeamTables.write(spark, out.toString(), AS_OF, WorklistConfig.DEFAULT, byCollector);
        pages = out.resolve(WorklistTables.PAGES);
    }

    @Test
    void aCollectorsPageShowsTheLastWholeMonthBesideTheOneBefore() throws Exception {
        assertEquals(List.of(
                "Figure | 2026-03 | 2026-02",
                "Promises kept, by count | 50.0% (1 of 2) | n/a (no promise closed in 2026-02)",
                "Promises kept, by amount | 60.0% (USD 600.00 of USD 1,000.00) | n/a (no promise closed in 2026-02)",
                "Broken promises still open | 1 (USD 400.00 unpaid) | 0 (USD 0.00 unpaid)",
                "Contact coverage of the overdue balance | 100.0% (USD 400.00 of USD 400.00 overdue) "
                        + "| 100.0% (USD 1,300.00 of USD 1,300.00 overdue)",
                "Plan adherence, by count | n/a (no instalment closed in 2026-03) | n/a (none recorded by then)",
                "Plan adherence, by amount | n/a (no instalment closed in 2026-03) | n/a (none recorded by then)",
                "Days from first contact to payment | 8.0 days (1 invoice) "
                        + "| n/a (no invoice paid after a contact in 2026-02)"), lines(page("ann")));
        assertEquals(List.of(
                "Figure | 2026-03 | 2026-02",
                "Promises kept, by count | n/a (no promise closed in 2026-03) | 0.0% (0 of 1)",
                "Promises kept, by amount | n/a (no promise closed in 2026-03) | 50.0% (USD 500.00 of USD 1,000.00)",
                "Broken promises still open | 0 (USD 0.00 unpaid) | 1 (USD 500.00 unpaid)",
                "Contact coverage of the overdue balance | 33.3% (USD 250.00 of USD 750.00 overdue) "
                        + "| 100.0% (USD 1,500.00 of USD 1,500.00 overdue)",
                "Plan adherence, by count | 50.0% (1 of 2 instalments) | n/a (none recorded by then)",
                "Plan adherence, by amount | 37.5% (USD 300.00 of USD 800.00) | n/a (none recorded by then)",
                "Days from first contact to payment | 34.0 days (1 invoice) "
                        + "| n/a (no invoice paid after a contact in 2026-02)"), lines(page("bob")));
    }

    @Test
    void aCollectorWithNothingToMeasureReadsNotAvailableAndWhyNeverZero() throws Exception {
        List<String> nothing = List.of(
                "Figure | 2026-03 | 2026-02",
                "Promises kept, by count | n/a (no promise closed in 2026-03) | n/a (no promise closed in 2026-02)",
                "Promises kept, by amount | n/a (no promise closed in 2026-03) | n/a (no promise closed in 2026-02)",
                // Promises are on record: that none of the collector's is broken and open is a count, 0.
                "Broken promises still open | 0 (USD 0.00 unpaid) | 0 (USD 0.00 unpaid)",
                "Contact coverage of the overdue balance | n/a (nothing overdue) | n/a (nothing overdue)",
                "Plan adherence, by count | n/a (no instalment closed in 2026-03) | n/a (none recorded by then)",
                "Plan adherence, by amount | n/a (no instalment closed in 2026-03) | n/a (none recorded by then)",
                "Days from first contact to payment | n/a (no invoice paid after a contact in 2026-03) "
                        + "| n/a (no invoice paid after a contact in 2026-02)");
        assertEquals(nothing, lines(page(CY)));
        // The customers naming no collector are the lists' "unassigned", in the activity as on the lists.
        assertEquals(nothing, lines(page(Worklist.UNASSIGNED)));
        // Its list says why the team page counts it as not reached; an assigned collector's says nothing of it.
        assertTrue(page(Worklist.UNASSIGNED).contains("<p id=\"unassigned\">No collector is assigned to these "
                + "customers: this list is ranked and cut to the capacity like a collector's, but the team page "
                + "counts them as not reached until they are assigned"), page(Worklist.UNASSIGNED));
        assertFalse(page("ann").contains("No collector is assigned"));
    }

    @Test
    void theTeamPageHasARowPerCollectorAndTheWholePortfolio() throws Exception {
        String html = Files.readString(pages.resolve(TeamTables.PAGE));
        assertEquals(List.of(
                "Collector | Promises kept, by count | Promises kept, by amount | Broken promises still open "
                        + "| Contact coverage of the overdue balance | Plan adherence, by count "
                        + "| Plan adherence, by amount | Days from first contact to payment",
                "ann | 50.0% (1 of 2) | 60.0% (USD 600.00 of USD 1,000.00) | 1 (USD 400.00 unpaid) "
                        + "| 100.0% (USD 400.00 of USD 400.00 overdue) | n/a (no instalment closed in 2026-03) "
                        + "| n/a (no instalment closed in 2026-03) | 8.0 days (1 invoice)",
                "bob | n/a (no promise closed in 2026-03) | n/a (no promise closed in 2026-03) "
                        + "| 0 (USD 0.00 unpaid) | 33.3% (USD 250.00 of USD 750.00 overdue) "
                        + "| 50.0% (1 of 2 instalments) | 37.5% (USD 300.00 of USD 800.00) | 34.0 days (1 invoice)",
                CY + " | n/a (no promise closed in 2026-03) | n/a (no promise closed in 2026-03) | 0 (USD 0.00 unpaid) "
                        + "| n/a (nothing overdue) | n/a (no instalment closed in 2026-03) "
                        + "| n/a (no instalment closed in 2026-03) | n/a (no invoice paid after a contact in 2026-03)",
                "unassigned | n/a (no promise closed in 2026-03) | n/a (no promise closed in 2026-03) "
                        + "| 0 (USD 0.00 unpaid) | n/a (nothing overdue) | n/a (no instalment closed in 2026-03) "
                        + "| n/a (no instalment closed in 2026-03) | n/a (no invoice paid after a contact in 2026-03)",
                TEAM + " | 50.0% (1 of 2) | 60.0% (USD 600.00 of USD 1,000.00) | 1 (USD 400.00 unpaid) "
                        + "| 56.5% (USD 650.00 of USD 1,150.00 overdue) | 50.0% (1 of 2 instalments) "
                        + "| 37.5% (USD 300.00 of USD 800.00) | 21.0 days (2 invoices)"), lines(html));
        assertFalse(html.contains("<h2>Collections activity, 2026-02"), "the team page shows the latest month");
        assertTrue(html.contains("<tr><td>cy &lt;&amp;&gt;</td>"), "names are escaped");
    }

    /**
     * A young ledger: one invoice, not yet due, and no collection activity at all (as every mapping without
     * activity sources gives). Nothing is measured, so nothing but the slices asked for has a row; the whole
     * portfolio's line must be among them, as the team page shows it.
     */
    @Test
    void aLedgerWithNothingOverdueAndNoActivityStillHasTheTeamsLine(@TempDir Path young) throws Exception {
        SparkSession spark = TestSpark.session();
        new LedgerBuilder().customer("Y1", "S", "amy").invoice("IY1", "Y1", "2026-03-20", "2026-04-19", "700")
                .write(spark, young);
        ReceivablesLedger cut = ReceivablesLedger.ofIngest(spark, young.toString()).asOf(AS_OF);
        ReportingCurrency money = ReportingCurrency.choose(cut, ExchangeRates.ofIngest(spark, young.toString()), null)
                .orElseThrow(IllegalStateException::new);
        CollectorActivity activity = CollectorActivity.of(cut, CollectionActivity.ofIngest(spark, young.toString()),
                AS_OF, money, WorklistConfig.DEFAULT.buckets());
        assertEquals(List.of(YearMonth.of(2026, 3), YearMonth.of(2026, 2)),
                activity.team().stream().map(CollectorActivity.Month::month).toList());
        assertEquals(2, activity.of("amy").size());
        String html = TeamPage.render(TeamView.of(List.of(), WorklistConfig.DEFAULT), Map.of(), AS_OF,
                WorklistConfig.DEFAULT, "USD", activity);
        assertTrue(html.contains("<tr><th>" + TEAM + "</th><td class=\"num\">n/a (none recorded by then)</td>"),
                html);
    }

    private static String page(String collector) throws Exception {
        return Files.readString(pages.resolve(FileNames.of(List.of("ann", "bob", CY, Worklist.UNASSIGNED))
                .get(collector) + ".html"));
    }

    /** The rows of the page's activity section, cells joined by " | ", tags dropped and entities decoded. */
    static List<String> lines(String html) {
        Matcher section = Pattern.compile("<section id=\"activity\">(.*?)</section>", Pattern.DOTALL).matcher(html);
        if (!section.find()) {
            throw new AssertionError("no activity section in " + html);
        }
        List<String> out = new ArrayList<>();
        Matcher row = Pattern.compile("<tr>(.*?)</tr>").matcher(section.group(1));
        while (row.find()) {
            List<String> cells = new ArrayList<>();
            Matcher cell = Pattern.compile("<t[hd][^>]*>(.*?)</t[hd]>").matcher(row.group(1));
            while (cell.find()) {
                cells.add(unescape(cell.group(1)));
            }
            out.add(String.join(" | ", cells));
        }
        return out;
    }

    private static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
