package io.arscope.metrics;

import static io.arscope.testing.LedgerBuilder.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.job.JobContext;
import io.arscope.ledger.AgingBuckets;
import io.arscope.ledger.InvoiceHistory;
import io.arscope.ledger.ReceivablesLedger;
import io.arscope.testing.LedgerBuilder;
import io.arscope.testing.TestSpark;

/**
 * The metrics job on invoice-level data built by hand so that its figures are those of the worked examples in
 * the metric definitions (shared/reference/metrics.md). Segment A is the worked quarter; segment B holds the
 * as-of traps; segment C the days-to-pay, on-time, dispute and bad-debt examples. Months count 30 days here,
 * as in the worked examples.
 */
@Tag("integration")
class MetricsJobTest {

    private static final double EXACT = 1e-9;

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static MetricsJob.Outcome outcome;
    private static LedgerBuilder ledger;

    @BeforeAll
    static void run() throws Exception {
        spark = TestSpark.session();
        ledger = new LedgerBuilder().customer("K1", "A").customer("K2", "B").customer("K3", "C");
        // Segment A: AR 130,000 at the start of the quarter, 140,000 at the start of March, 150,000 at its end.
        ledger.invoice("O1", "K1", "2024-11-15", "2024-12-01", "100000").payment("O1", "K1", "2025-01-20", "98000")
                .invoice("O2", "K1", "2024-12-10", "2025-01-15", "30000").payment("O2", "K1", "2025-02-10", "26000")
                .invoice("J1", "K1", "2025-01-10", "2025-02-14", "9000")
                .invoice("J2", "K1", "2025-01-20", "2025-02-28", "81000").payment("J2", "K1", "2025-02-20", "56000")
                .payment("J2", "K1", "2025-03-05", "25000")
                .invoice("F1", "K1", "2025-02-05", "2025-03-16", "25000")
                .invoice("F2", "K1", "2025-02-15", "2025-03-20", "75000").payment("F2", "K1", "2025-03-10", "75000")
                .invoice("M1", "K1", "2025-03-05", "2025-04-30", "110000")
                .invoice("M2", "K1", "2025-03-15", "2025-04-14", "10000").payment("M2", "K1", "2025-03-25", "10000");
        // Segment B: a credit memo, a payment after February, a dispute, an invoice issued in March, a write-off.
        ledger.invoice("T1", "K2", "2025-01-10", "2025-02-09", "1000")
                .adjustment("T1", "K2", "2025-01-20", "200", "credit_memo").payment("T1", "K2", "2025-03-10", "300")
                .invoice("T2", "K2", "2025-02-01", "2025-03-03", "2000").dispute("T2", "2025-02-15", "2025-03-20")
                .payment("T2", "K2", "2025-03-25", "2000")
                .invoice("T3", "K2", "2025-03-15", "2025-04-14", "500")
                .invoice("T4", "K2", "2025-01-05", "2025-02-04", "700")
                .adjustment("T4", "K2", "2025-03-31", "700", "write_off");
        // Segment C, June 2024 cohort: 1,000 paid in 15 days, 3,000 in 30, 2,000 in 45, on net 30.
        ledger.invoice("P1", "K3", "2024-06-03", "2024-07-03", "1000").payment("P1", "K3", "2024-06-18", "1000")
                .invoice("P2", "K3", "2024-06-03", "2024-07-03", "3000").payment("P2", "K3", "2024-07-03", "3000")
                .invoice("P3", "K3", "2024-06-03", "2024-07-03", "2000").payment("P3", "K3", "2024-07-18", "2000");
        // 40 invoices due in August 2024, 31 paid by their due date; the 5,000 one is written off in September.
        for (int i = 1; i <= 40; i++) {
            String id = "N" + i;
            String amount = i == 40 ? "5000" : "1000";
            ledger.invoice(id, "K3", "2024-07-10", "2024-08-09", amount);
            if (i <= 31) {
                ledger.payment(id, "K3", "2024-08-05", amount);
            } else if (i < 40) {
                ledger.payment(id, "K3", "2024-08-20", amount);
            } else {
                ledger.adjustment(id, "K3", "2024-09-15", amount, "write_off");
            }
        }
        // 400 invoices issued in September 2024 (1,200,000 of sales), 12 disputed, all paid on time.
        for (int i = 1; i <= 400; i++) {
            String id = "S" + i;
            ledger.invoice(id, "K3", "2024-09-02", "2024-10-02", "3000").payment(id, "K3", "2024-10-01", "3000");
            if (i <= 12) {
                ledger.dispute(id, "2024-09-10", "2024-09-20");
            }
        }
        ledger.write(spark, dir.resolve("in"));
        outcome = MetricsJob.write(JobContext.of(spark, new MetricsOptions(dir.resolve("in").toString(), dir.resolve("out").toString(),
                d("2025-03-31"), AgingBuckets.DEFAULT, List.of("segment"), DayCount.THIRTY, 0, 12, 1.0,
                TrendConfig.DEFAULT)));
    }

    private static Row period(String segment, String type, String period) {
        List<Row> rows = spark.read().parquet(dir.resolve("out").resolve(MetricsTables.PERIOD_METRICS.name()).toString())
                .filter("dimension = 'segment' and value = '" + segment + "' and period_type = '" + type
                        + "' and period = '" + period + "'").collectAsList();
        assertEquals(1, rows.size(), segment + " " + period);
        return rows.get(0);
    }

    private static double num(Row r, String column) {
        return ((Number) r.getAs(column)).doubleValue();
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount).setScale(2);
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    @Test
    void theWorkedQuarterReproducesTheDsoFamilyAndCei() {
        Row q = period("A", "quarter", "2025-Q1");
        assertEquals(money("310000"), q.getAs("credit_sales"));
        assertEquals(money("130000"), q.getAs("beginning_ar"));
        assertEquals(money("150000"), q.getAs("ending_ar"));
        assertEquals(money("110000"), q.getAs("current_ar"));
        assertEquals(90, (Integer) q.getAs("days"));
        assertEquals(150_000.0 / 310_000 * 90, num(q, "dso_standard"), EXACT);
        assertEquals(43.5, round1(num(q, "dso_standard")));
        assertEquals(40.6, round1(num(q, "dso_average")));
        assertEquals(39.0, num(q, "dso_countback"), EXACT);
        assertEquals(31.9, round1(num(q, "bpdso_standard")));
        assertEquals(27.5, num(q, "bpdso_countback"), EXACT);
        assertEquals(11.6, round1(num(q, "ddso_standard")));
        assertEquals(11.5, num(q, "ddso_countback"), EXACT);
        // CRF form over 3 months: sales / 3.
        assertEquals((130_000 + 310_000 / 3.0 - 150_000) / (130_000 + 310_000 / 3.0 - 110_000) * 100, num(q, "cei"),
                EXACT);
        assertEquals(67.6, round1(num(q, "cei")));
    }

    @Test
    void theWorkedMarchReproducesCeiCollectionsAgingAndAdd() {
        Row m = period("A", "month", "2025-03");
        assertEquals(money("140000"), m.getAs("beginning_ar"));
        assertEquals(money("120000"), m.getAs("credit_sales"));
        assertEquals(money("110000"), m.getAs("collections"));
        assertEquals(110_000.0 / 150_000 * 100, num(m, "cei"), EXACT);
        assertEquals(110_000.0 / 260_000, num(m, "collection_ratio"), EXACT);
        assertEquals(List.of(money("110000"), money("25000"), money("9000"), money("4000"), money("2000")),
                List.of(m.getAs("aging_current"), m.getAs("aging_1_30"), m.getAs("aging_31_60"),
                        m.getAs("aging_61_90"), m.getAs("aging_91_plus")));
        assertEquals(money("40000"), m.getAs("past_due_ar"));
        assertEquals(33.0, num(m, "add_past_due"), EXACT);
        assertEquals(8.8, num(m, "add_all_ar"), EXACT);
        // Month-level DSO: 150,000 / 120,000 x 30.
        assertEquals(37.5, num(m, "dso_standard"), EXACT);
    }

    @Test
    void rollRatesFollowTheSameInvoicesFromOneMonthEndToTheNext() {
        Map<String, Double> january = spark.read().parquet(dir.resolve("out").resolve(MetricsTables.ROLL_RATES.name())
                .toString()).filter("month_end = date'2025-01-31'").collectAsList().stream()
                .filter(r -> !r.isNullAt(r.fieldIndex("roll_rate")))
                .collect(Collectors.toMap(r -> r.getAs("from_bucket"), r -> r.getAs("roll_rate")));
        // Whole portfolio at 31 January: current are A's J1 9,000 and J2 81,000 and B's T1 800 and T4 700; at
        // 28 February J1, T1 and T4 are past due and J2 (due that day) is not. 1-30 holds A's O2 30,000 (due
        // 15 January), of which 4,000 is in 31-60 at 28 February. 61-90: O1's 2,000 is still 61-90.
        assertEquals(3, january.size());
        assertEquals((9_000.0 + 800 + 700) / (90_000 + 800 + 700), january.get("current"), 1e-12);
        assertEquals(4_000.0 / 30_000, january.get("1-30"), 1e-12);
        assertEquals(0.0, january.get("61-90"), 1e-12);
        assertEquals(0, outcome.rollsAboveOne());
    }

    @Test
    void asOfTrapsLaterPaymentsPartialsCreditsNewInvoicesAndDisputes() {
        Dataset<Row> history = InvoiceHistory.of(ReceivablesLedger.read(spark, dir.resolve("in/canonical").toString())
                .asOf(d("2025-02-28")), List.of("segment"));
        Map<String, List<Object>> february = OpenItems.byInvoice(history, d("2025-02-28"), AgingBuckets.DEFAULT,
                List.of("segment")).filter("segment = 'B'").collectAsList().stream().collect(Collectors.toMap(
                        r -> r.getAs("invoice_id"), r -> List.of(r.getAs("open_amount"), r.getAs("days_past_due"),
                                r.getAs("bucket"), r.getAs("disputed"))));
        // T1: 1,000 less the January credit memo; the March payment is added back. T2 disputed and unpaid then.
        // T3 was not issued yet. T4 not yet written off.
        assertEquals(Map.of("T1", List.of(money("800"), 19, "1-30", false),
                "T2", List.of(money("2000"), -3, "current", true),
                "T4", List.of(money("700"), 24, "1-30", false)), february);

        Map<String, BigDecimal> march = spark.read().parquet(dir.resolve("out").resolve("open_items")
                .toString()).filter("segment = 'B'").collectAsList().stream().collect(Collectors.toMap(
                        r -> r.getAs("invoice_id"), r -> r.getAs("open_amount")));
        assertEquals(Map.of("T1", money("500"), "T3", money("500")), march);

        Row b = period("B", "month", "2025-03");
        assertEquals(money("3500"), b.getAs("beginning_ar"));
        assertEquals(money("500"), b.getAs("credit_sales"));
        assertEquals(money("2300"), b.getAs("collections"));
        assertEquals(money("700"), b.getAs("write_offs"));
        assertEquals(money("1000"), b.getAs("ending_ar"));
        assertEquals(money("0"), b.getAs("disputed_ar"));
        assertEquals(money("2000"), period("B", "month", "2025-02").getAs("disputed_ar"));
    }

    @Test
    void daysToPayLatenessOnTimeDisputeAndBadDebtRates() {
        Row june = period("C", "month", "2024-06");
        assertEquals(32.5, num(june, "avg_days_to_pay"), EXACT);
        assertEquals(5.0, num(june, "wadl"), EXACT);
        assertEquals(0.0, num(june, "cohort_open_share"), EXACT);
        Row august = period("C", "month", "2024-08");
        assertEquals(40L, (Long) august.getAs("due_count"));
        assertEquals(31L, (Long) august.getAs("on_time_count"));
        assertEquals(0.775, num(august, "on_time_rate_count"), EXACT);
        assertEquals(31_000.0 / 44_000, num(august, "on_time_rate_amount"), EXACT);
        Row september = period("C", "month", "2024-09");
        assertEquals(400L, (Long) september.getAs("invoices_issued"));
        assertEquals(12L, (Long) september.getAs("invoices_disputed"));
        assertEquals(0.03, num(september, "dispute_rate"), EXACT);
        assertEquals(money("1200000"), september.getAs("credit_sales"));
        assertEquals(5_000.0 / 1_200_000, num(september, "bad_debt_ratio"), EXACT);
        assertEquals(0.42, Math.round(num(september, "bad_debt_ratio") * 10_000) / 100.0);
    }

    @Test
    void cohortCurvesAccumulateTheCashOfEachBillingMonth() {
        List<Row> june = spark.read().parquet(dir.resolve("out").resolve(MetricsTables.COHORT_CURVES.name()).toString())
                .filter("value = 'C' and cohort_month = '2024-06'").orderBy("months_after").collectAsList();
        assertEquals(List.of(money("1000"), money("6000"), money("6000")), june.subList(0, 3).stream()
                .map(r -> (BigDecimal) r.getAs("collected_to_date")).toList());
        assertEquals(1.0 / 6, (Double) june.get(0).getAs("collected_share"), EXACT);
        // Months 0 to 9: March 2025, the last month-end, is nine months after June 2024.
        assertEquals(10, june.size());
    }

    @Test
    void theFlowsReconcileWithTheBalancesEveryMonth() {
        List<Row> months = spark.read().parquet(dir.resolve("out").resolve(MetricsTables.PERIOD_METRICS.name()).toString())
                .filter("period_type = 'month'").collectAsList();
        for (Row m : months) {
            BigDecimal expected = ((BigDecimal) m.getAs("beginning_ar")).add(m.getAs("credit_sales"))
                    .subtract(m.getAs("collections")).subtract(m.getAs("credit_memos")).subtract(m.getAs("write_offs"));
            assertEquals(expected, m.getAs("ending_ar"), m.getAs("value") + " " + m.getAs("period"));
        }
        assertFalse(months.isEmpty());
        assertNull(period("A", "month", "2024-06").getAs("dso_standard"));
    }

    @Test
    void everyOutputColumnIsDefinedInTheDocs() throws Exception {
        String doc = java.nio.file.Files.readString(Path.of(System.getProperty("arscope.repo.dir"),
                "notebooks-docs/metrics-outputs.md"));
        for (String table : List.of(MetricsTables.PERIOD_METRICS.name(), MetricsTables.TRENDS.name(),
                MetricsTables.AMOUNT_TRENDS.name(), "open_items",
                "aging_by_customer", "aging_by_slice", MetricsTables.COHORT_CURVES.name(),
                MetricsTables.ROLL_RATES.name(), MetricsTables.PROVISION_MATRIX.name(),
                MetricsTables.COLLECTION_ACTIVITY.name())) {
            assertTrue(doc.contains("## " + table + "\n") || doc.contains("## " + table + " "), table);
            List<String> missing = java.util.Arrays.stream(spark.read().parquet(dir.resolve("out").resolve(table)
                    .toString()).columns()).filter(c -> !doc.contains("`" + c + "`") && !c.startsWith("aging_")
                            && !c.equals("segment")).toList();
            assertEquals(List.of(), missing, table + " columns not in notebooks-docs/metrics-outputs.md");
        }
    }
}
