package io.arscope.metrics;

import static io.arscope.testing.LedgerBuilder.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.job.JobContext;
import io.arscope.ledger.AgingBuckets;
import io.arscope.report.ReportData;
import io.arscope.report.ReportInputs;
import io.arscope.testing.LedgerBuilder;
import io.arscope.testing.TestSpark;

/**
 * The collection_activity table worked out by hand, as of 2026-03-31 with 3 days' grace, sliced by segment and
 * collector. Ann owns C1 (segment A); Bob owns C2 (segment A) and C3 (segment B).
 *
 * <pre>
 * invoices  I1 C1 01-05 due 02-04 1,000  paid 02-18
 *           I2 C1 01-10 due 02-09   500  250 paid 03-09
 *           I7 C1 01-05 due 02-04   100  paid 01-20
 *           I3 C2 01-15 due 02-14   800  300 paid 02-26, 200 paid 03-20
 *           I6 C2 02-01 due 03-03   300  credit memo 100 03-05, 200 paid 03-12
 *           I4 C3 02-01 due 03-03   600
 *           I5 C3 01-02 due 01-20   400  paid 03-15
 * promises  PR1 C1 I1  02-10 by 02-20 1,000: kept (window to 02-23, closes in February)
 *           PR2 C2 I3  02-15 by 02-25   800: partly kept, 300 (window to 02-28)
 *           PR3 C3 all 03-01 by 03-10 1,000: broken (window to 03-13; I5's 03-15 payment is late)
 *           PR5 C2 I3  03-01 by 03-26   200: kept (window to 03-29)
 *           PR4 C1 I2  03-20 by 03-30   100: pending, its window runs to 04-02
 * plans     PL1 C3 agreed 02-05: 200 due 02-20 missed; 200 due 03-20 met by the 03-15 payment; 200 due 04-20
 *           PL2 C1 agreed 03-01: 250 due 03-10 met on 03-09; 750 due 03-28 missed (window to 03-31, the as-of day)
 * contacts  K3 C3 about I5 01-25; K1 C1 about I1 02-05; K5 C1 about I2 03-01; K4 C3 about I4 03-02;
 *           K2 C2 balance 03-10
 * </pre>
 */
@Tag("integration")
class CollectionActivityMetricsTest {

    static final double EXACT = 1e-12;

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static List<Row> withActivity;

    @BeforeAll
    static void run() throws Exception {
        spark = TestSpark.session();
        withActivity = metrics(dir, "with", ledger().contact("K3", "C3", "I5", "2026-01-25", "letter", "reached")
                .contact("K1", "C1", "I1", "2026-02-05", "call", "promised")
                .contact("K5", "C1", "I2", "2026-03-01", "email", null)
                .contact("K4", "C3", "I4", "2026-03-02", "call", "no_answer")
                .contact("K2", "C2", null, "2026-03-10", "email", "promised")
                .promise("PR1", "C1", "I1", "2026-02-10", "2026-02-20", "1000")
                .promise("PR2", "C2", "I3", "2026-02-15", "2026-02-25", "800")
                .promise("PR3", "C3", null, "2026-03-01", "2026-03-10", "1000")
                .promise("PR5", "C2", "I3", "2026-03-01", "2026-03-26", "200")
                .promise("PR4", "C1", "I2", "2026-03-20", "2026-03-30", "100")
                .instalment("PL1", 1, "C3", "2026-02-05", "2026-02-20", "200")
                .instalment("PL1", 2, "C3", "2026-02-05", "2026-03-20", "200")
                .instalment("PL1", 3, "C3", "2026-02-05", "2026-04-20", "200")
                .instalment("PL2", 1, "C1", "2026-03-01", "2026-03-10", "250")
                .instalment("PL2", 2, "C1", "2026-03-01", "2026-03-28", "750"));
    }

    static LedgerBuilder ledger() {
        return new LedgerBuilder().customer("C1", "A", "ann").customer("C2", "A", "bob").customer("C3", "B", "bob")
                .invoice("I1", "C1", "2026-01-05", "2026-02-04", "1000").payment("I1", "C1", "2026-02-18", "1000")
                .invoice("I2", "C1", "2026-01-10", "2026-02-09", "500").payment("I2", "C1", "2026-03-09", "250")
                .invoice("I7", "C1", "2026-01-05", "2026-02-04", "100").payment("I7", "C1", "2026-01-20", "100")
                .invoice("I3", "C2", "2026-01-15", "2026-02-14", "800").payment("I3", "C2", "2026-02-26", "300")
                .payment("I3", "C2", "2026-03-20", "200")
                .invoice("I6", "C2", "2026-02-01", "2026-03-03", "300")
                .adjustment("I6", "C2", "2026-03-05", "100", "credit_memo").payment("I6", "C2", "2026-03-12", "200")
                .invoice("I4", "C3", "2026-02-01", "2026-03-03", "600")
                .invoice("I5", "C3", "2026-01-02", "2026-01-20", "400").payment("I5", "C3", "2026-03-15", "400");
    }

    static List<Row> metrics(Path dir, String name, LedgerBuilder ledger) throws Exception {
        SparkSession session = TestSpark.session();
        ledger.write(session, dir.resolve(name));
        String out = dir.resolve(name + "-out").toString();
        MetricsJob.write(JobContext.of(session, new MetricsOptions(dir.resolve(name).toString(), out, d("2026-03-31"),
                AgingBuckets.DEFAULT, List.of("segment", "collector"), DayCount.ACTUAL, 0, 12, 1.0,
                TrendConfig.DEFAULT)));
        return MetricsTables.COLLECTION_ACTIVITY.read(session, out).collectAsList();
    }


    static Row row(List<Row> rows, String dimension, String value, String monthEnd) {
        List<Row> found = rows.stream().filter(r -> MetricsTables.DIMENSION.of(r).equals(dimension)
                && MetricsTables.VALUE.of(r).equals(value)
                && MetricsTables.MONTH_END.of(r).equals(d(monthEnd))).toList();
        assertEquals(1, found.size(), dimension + " " + value + " " + monthEnd);
        return found.get(0);
    }

    static List<Object> values(Row r, io.arscope.job.Column<?>... columns) {
        List<Object> out = new ArrayList<>();
        for (io.arscope.job.Column<?> c : columns) {
            Object v = c.of(r);
            out.add(v instanceof BigDecimal b ? b.toPlainString() : v);
        }
        return out;
    }

    static void assertShare(Double expected, Row r, io.arscope.job.Column<Double> column) {
        if (expected == null) {
            assertNull(column.of(r), column.name());
        } else {
            assertEquals(expected, column.of(r), EXACT, column.name());
        }
    }

    @Test
    void everySliceHasEveryMonth() {
        // Five slices (total, segments A and B, collectors ann and bob) over January to March.
        assertEquals(15, withActivity.size());
    }

    @Test
    void promiseKeptRateCountsEachPromiseInTheMonthItsWindowCloses() {
        // February: PR1 kept (1,000), PR2 partly kept (300 of 800). Total 1 of 2; (1,000 + 300) / 1,800.
        Row feb = row(withActivity, "total", "all", "2026-02-28");
        assertEquals(Arrays.asList(2L, 1L, 1L, 0L, "1800.00", "1300.00"), values(feb, MetricsTables.PROMISES_CLOSED,
                MetricsTables.PROMISES_KEPT, MetricsTables.PROMISES_PARTLY_KEPT, MetricsTables.PROMISES_BROKEN,
                MetricsTables.PROMISED_AMOUNT, MetricsTables.KEPT_AMOUNT));
        assertShare(0.5, feb, MetricsTables.PROMISE_KEPT_RATE_COUNT);
        assertShare(1300.0 / 1800, feb, MetricsTables.PROMISE_KEPT_RATE_AMOUNT);
        // Per collector: ann kept PR1; bob's PR2 was partly kept, its paid share 300 of 800.
        assertShare(1.0, row(withActivity, "collector", "ann", "2026-02-28"), MetricsTables.PROMISE_KEPT_RATE_AMOUNT);
        Row bobFeb = row(withActivity, "collector", "bob", "2026-02-28");
        assertShare(0.0, bobFeb, MetricsTables.PROMISE_KEPT_RATE_COUNT);
        assertShare(0.375, bobFeb, MetricsTables.PROMISE_KEPT_RATE_AMOUNT);
        // March: bob's PR3 broken (1,000) and PR5 kept (200); PR4 is still pending and not counted.
        Row bobMar = row(withActivity, "collector", "bob", "2026-03-31");
        assertEquals(Arrays.asList(2L, 1L, 0L, 1L, "1200.00", "200.00"), values(bobMar,
                MetricsTables.PROMISES_CLOSED, MetricsTables.PROMISES_KEPT, MetricsTables.PROMISES_PARTLY_KEPT,
                MetricsTables.PROMISES_BROKEN, MetricsTables.PROMISED_AMOUNT, MetricsTables.KEPT_AMOUNT));
        assertShare(0.5, bobMar, MetricsTables.PROMISE_KEPT_RATE_COUNT);
        assertShare(200.0 / 1200, bobMar, MetricsTables.PROMISE_KEPT_RATE_AMOUNT);
        // Segment B is C3 alone: PR3 broken.
        Row bMar = row(withActivity, "segment", "B", "2026-03-31");
        assertEquals(Arrays.asList(1L, "1000.00", "0.00"), values(bMar, MetricsTables.PROMISES_BROKEN,
                MetricsTables.PROMISED_AMOUNT, MetricsTables.KEPT_AMOUNT));
        assertShare(0.0, bMar, MetricsTables.PROMISE_KEPT_RATE_AMOUNT);
        // Ann closed no promise in March: counts are zero, the rate has nothing to divide by.
        Row annMar = row(withActivity, "collector", "ann", "2026-03-31");
        assertEquals(Arrays.asList(0L, "0.00"), values(annMar, MetricsTables.PROMISES_CLOSED,
                MetricsTables.PROMISED_AMOUNT));
        assertShare(null, annMar, MetricsTables.PROMISE_KEPT_RATE_COUNT);
        assertShare(null, annMar, MetricsTables.PROMISE_KEPT_RATE_AMOUNT);
        // January is before the first promise (02-10): no promise figure at all.
        assertEquals(Arrays.asList(null, null, null, null), values(row(withActivity, "total", "all", "2026-01-31"),
                MetricsTables.PROMISES_CLOSED, MetricsTables.PROMISE_KEPT_RATE_COUNT, MetricsTables.BROKEN_OPEN_COUNT,
                MetricsTables.BROKEN_OPEN_UNPAID));
    }

    @Test
    void brokenPromisesStayOpenWhileTheirInvoicesAreAtMostWhatTheyStillOwe() {
        // February: PR2 short by 500, I3 owes 500.
        assertEquals(Arrays.asList(1L, "500.00"), values(row(withActivity, "collector", "bob", "2026-02-28"),
                MetricsTables.BROKEN_OPEN_COUNT, MetricsTables.BROKEN_OPEN_UNPAID));
        assertEquals(Arrays.asList(0L, "0.00"), values(row(withActivity, "collector", "ann", "2026-02-28"),
                MetricsTables.BROKEN_OPEN_COUNT, MetricsTables.BROKEN_OPEN_UNPAID));
        // March: PR2 still short by 500 but I3 owes only 300 after 03-20; PR3 short by 1,000, C3 owes I4's 600.
        assertEquals(Arrays.asList(2L, "900.00"), values(row(withActivity, "collector", "bob", "2026-03-31"),
                MetricsTables.BROKEN_OPEN_COUNT, MetricsTables.BROKEN_OPEN_UNPAID));
        assertEquals(Arrays.asList(1L, "300.00"), values(row(withActivity, "segment", "A", "2026-03-31"),
                MetricsTables.BROKEN_OPEN_COUNT, MetricsTables.BROKEN_OPEN_UNPAID));
        assertEquals(Arrays.asList(1L, "600.00"), values(row(withActivity, "segment", "B", "2026-03-31"),
                MetricsTables.BROKEN_OPEN_COUNT, MetricsTables.BROKEN_OPEN_UNPAID));
    }

    @Test
    void contactCoverageIsTheOverdueBalanceWhoseCustomerWasContactedInThirtyDays() {
        // January: I5's 400 is overdue; K3 (01-25) covers C3.
        Row jan = row(withActivity, "total", "all", "2026-01-31");
        assertEquals(Arrays.asList("400.00", "400.00"), values(jan, MetricsTables.OVERDUE_AR,
                MetricsTables.CONTACTED_OVERDUE_AR));
        assertShare(1.0, jan, MetricsTables.CONTACT_COVERAGE);
        // Ann had nothing overdue in January: coverage has nothing to divide by.
        Row annJan = row(withActivity, "collector", "ann", "2026-01-31");
        assertEquals(Arrays.asList("0.00", "0.00"), values(annJan, MetricsTables.OVERDUE_AR,
                MetricsTables.CONTACTED_OVERDUE_AR));
        assertShare(null, annJan, MetricsTables.CONTACT_COVERAGE);
        // February: I2 500 (C1, covered by K1 about I1: coverage is by customer), I3 500 (C2, no contact), I5 400
        // (C3: K3's window ended 02-23).
        Row feb = row(withActivity, "total", "all", "2026-02-28");
        assertEquals(Arrays.asList("1400.00", "500.00"), values(feb, MetricsTables.OVERDUE_AR,
                MetricsTables.CONTACTED_OVERDUE_AR));
        assertShare(500.0 / 1400, feb, MetricsTables.CONTACT_COVERAGE);
        assertShare(1.0, row(withActivity, "collector", "ann", "2026-02-28"), MetricsTables.CONTACT_COVERAGE);
        assertShare(0.0, row(withActivity, "collector", "bob", "2026-02-28"), MetricsTables.CONTACT_COVERAGE);
        // March: I2 250 (C1: K5 on 03-01 covers to 03-30 only), I3 300 (C2, K2), I4 600 (C3: K4 on 03-02 covers
        // to 03-31).
        Row mar = row(withActivity, "total", "all", "2026-03-31");
        assertEquals(Arrays.asList("1150.00", "900.00"), values(mar, MetricsTables.OVERDUE_AR,
                MetricsTables.CONTACTED_OVERDUE_AR));
        assertShare(900.0 / 1150, mar, MetricsTables.CONTACT_COVERAGE);
        assertShare(0.0, row(withActivity, "collector", "ann", "2026-03-31"), MetricsTables.CONTACT_COVERAGE);
        assertShare(1.0, row(withActivity, "collector", "bob", "2026-03-31"), MetricsTables.CONTACT_COVERAGE);
        assertShare(300.0 / 550, row(withActivity, "segment", "A", "2026-03-31"), MetricsTables.CONTACT_COVERAGE);
    }

    @Test
    void planAdherenceCountsInstalmentsMetAndMissedInTheMonthTheirWindowCloses() {
        // February: PL1's first instalment missed.
        Row feb = row(withActivity, "total", "all", "2026-02-28");
        assertEquals(Arrays.asList(1L, 0L, "200.00", "0.00"), values(feb, MetricsTables.INSTALMENTS_CLOSED,
                MetricsTables.INSTALMENTS_MET, MetricsTables.INSTALMENT_AMOUNT, MetricsTables.MET_AMOUNT));
        assertShare(0.0, feb, MetricsTables.PLAN_ADHERENCE_COUNT);
        assertShare(null, row(withActivity, "collector", "ann", "2026-02-28"), MetricsTables.PLAN_ADHERENCE_COUNT);
        // March: PL1's second met (200); PL2's first met (250), its second missed (750), judged on the as-of day.
        Row mar = row(withActivity, "total", "all", "2026-03-31");
        assertEquals(Arrays.asList(3L, 2L, "1200.00", "450.00"), values(mar, MetricsTables.INSTALMENTS_CLOSED,
                MetricsTables.INSTALMENTS_MET, MetricsTables.INSTALMENT_AMOUNT, MetricsTables.MET_AMOUNT));
        assertShare(2.0 / 3, mar, MetricsTables.PLAN_ADHERENCE_COUNT);
        assertShare(450.0 / 1200, mar, MetricsTables.PLAN_ADHERENCE_AMOUNT);
        Row annMar = row(withActivity, "collector", "ann", "2026-03-31");
        assertShare(0.5, annMar, MetricsTables.PLAN_ADHERENCE_COUNT);
        assertShare(0.25, annMar, MetricsTables.PLAN_ADHERENCE_AMOUNT);
        Row bMar = row(withActivity, "segment", "B", "2026-03-31");
        assertShare(1.0, bMar, MetricsTables.PLAN_ADHERENCE_COUNT);
        assertShare(1.0, bMar, MetricsTables.PLAN_ADHERENCE_AMOUNT);
        // January is before the first plan (02-05).
        assertEquals(Arrays.asList(null, null, null), values(row(withActivity, "total", "all", "2026-01-31"),
                MetricsTables.INSTALMENTS_CLOSED, MetricsTables.PLAN_ADHERENCE_COUNT,
                MetricsTables.PLAN_ADHERENCE_AMOUNT));
    }

    @Test
    void daysFromFirstContactToPaymentAverageTheInvoicesPaidInTheMonth() {
        // February: I1 paid 02-18, first contact K1 02-05: 13 days. I7 was paid before any contact.
        Row feb = row(withActivity, "total", "all", "2026-02-28");
        assertEquals(Arrays.asList(1L, 13.0), values(feb, MetricsTables.CONTACT_PAID_INVOICES,
                MetricsTables.AVG_DAYS_CONTACT_TO_PAY));
        assertEquals(Arrays.asList(0L, null), values(row(withActivity, "collector", "bob", "2026-02-28"),
                MetricsTables.CONTACT_PAID_INVOICES, MetricsTables.AVG_DAYS_CONTACT_TO_PAY));
        // March: I5 paid 03-15, first contact about it K3 01-25 (K4 was about I4): 49 days; I6 settled 03-12 by a
        // credit memo and a payment, K2 about C2's balance on 03-10: 2 days.
        assertEquals(Arrays.asList(2L, 25.5), values(row(withActivity, "collector", "bob", "2026-03-31"),
                MetricsTables.CONTACT_PAID_INVOICES, MetricsTables.AVG_DAYS_CONTACT_TO_PAY));
        assertEquals(Arrays.asList(1L, 49.0), values(row(withActivity, "segment", "B", "2026-03-31"),
                MetricsTables.CONTACT_PAID_INVOICES, MetricsTables.AVG_DAYS_CONTACT_TO_PAY));
        assertEquals(Arrays.asList(1L, 2.0), values(row(withActivity, "segment", "A", "2026-03-31"),
                MetricsTables.CONTACT_PAID_INVOICES, MetricsTables.AVG_DAYS_CONTACT_TO_PAY));
    }

    @Test
    void theReportReadsTheLatestMonthTotalFirst() throws Exception {
        List<ReportData.Activity> march = ReportInputs.read(spark, dir.resolve("with-out").toString(), null, null)
                .activity();
        assertEquals(List.of("total all", "collector ann", "collector bob", "segment A", "segment B"), march.stream()
                .map(a -> a.dimension() + " " + a.value()).toList());
        ReportData.Activity total = march.get(0);
        assertEquals(d("2026-03-31"), total.monthEnd());
        assertEquals(Arrays.asList(2L, 0.5, 2L, 900.0, 1150.0, 3L, 2L, 25.5), Arrays.asList(total.promisesClosed(),
                total.keptRateCount(), total.brokenOpenCount(), total.brokenOpenUnpaid(), total.overdueAr(),
                total.instalmentsClosed(), total.contactPaidInvoices(), total.avgDaysContactToPay()));
        assertEquals(200.0 / 1200, total.keptRateAmount(), EXACT);
        assertEquals(900.0 / 1150, total.contactCoverage(), EXACT);
        assertEquals(2.0 / 3, total.planAdherenceCount(), EXACT);
        assertEquals(450.0 / 1200, total.planAdherenceAmount(), EXACT);
    }
}
