package io.arscope.metrics;

import static io.arscope.metrics.CollectionActivityMetricsTest.assertShare;
import static io.arscope.metrics.CollectionActivityMetricsTest.row;
import static io.arscope.metrics.CollectionActivityMetricsTest.values;
import static io.arscope.testing.LedgerBuilder.d;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
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
 * collection_activity on an input with no activity at all (CollectionActivityMetricsTest's ledger alone), and with
 * activity in euros reported in dollars: C1 (ann) owes I1, 1,000 EUR issued 2026-01-05 due 02-04, pays 400 EUR on
 * 02-18; EUR is worth 1.10 USD from 01-01 and 1.20 from 03-01. PR1 promises I1's 1,000 (in no currency: I1's EUR)
 * by 02-20, window to 02-23: partly kept. PL1 agreed 02-01 asks 300 by 02-15, window to 02-18: met. K1 calls C1 on
 * 02-05.
 */
// Two metrics runs on files: the integration tier keeps the fast tier under four minutes.
@Tag("integration")
class CollectionActivityEdgesTest {

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static List<Row> withoutActivity;
    private static List<Row> inDollars;

    @BeforeAll
    static void run() throws Exception {
        spark = TestSpark.session();
        withoutActivity = CollectionActivityMetricsTest.metrics(dir, "without", CollectionActivityMetricsTest.ledger());
        LedgerBuilder euros = new LedgerBuilder().customer("C1", "A", "ann")
                .invoice("I1", "C1", "2026-01-05", "2026-02-04", "1000", "EUR")
                .payment("I1", "C1", "2026-02-18", "400", "EUR")
                .rate("2026-01-01", "EUR", "1.10").rate("2026-03-01", "EUR", "1.20")
                .contact("K1", "C1", "I1", "2026-02-05", "call", "promised")
                .promise("PR1", "C1", "I1", "2026-02-10", "2026-02-20", "1000")
                .instalment("PL1", 1, "C1", "2026-02-01", "2026-02-15", "300");
        euros.write(spark, dir.resolve("euros"));
        String out = dir.resolve("euros-out").toString();
        MetricsJob.write(JobContext.of(spark, new MetricsOptions(dir.resolve("euros").toString(), out,
                d("2026-03-31"), AgingBuckets.DEFAULT, List.of("collector"), DayCount.ACTUAL, 0, 12, 1.0,
                TrendConfig.DEFAULT, "USD")));
        inDollars = MetricsTables.COLLECTION_ACTIVITY.read(spark, out).collectAsList();
    }

    @Test
    void anInputWithNoActivityHasNoActivityFigureButTheOverdueBalance() {
        for (Row r : withoutActivity) {
            assertEquals(Arrays.asList(null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null), values(r, MetricsTables.PROMISES_CLOSED, MetricsTables.KEPT_AMOUNT,
                    MetricsTables.PROMISE_KEPT_RATE_COUNT, MetricsTables.PROMISE_KEPT_RATE_AMOUNT,
                    MetricsTables.BROKEN_OPEN_COUNT, MetricsTables.BROKEN_OPEN_UNPAID,
                    MetricsTables.CONTACTED_OVERDUE_AR, MetricsTables.CONTACT_COVERAGE,
                    MetricsTables.INSTALMENTS_CLOSED, MetricsTables.MET_AMOUNT, MetricsTables.PLAN_ADHERENCE_COUNT,
                    MetricsTables.PLAN_ADHERENCE_AMOUNT, MetricsTables.CONTACT_PAID_INVOICES,
                    MetricsTables.AVG_DAYS_CONTACT_TO_PAY, MetricsTables.PROMISED_AMOUNT), MetricsTables.VALUE.of(r)
                    + " " + MetricsTables.MONTH_END.of(r));
        }
        assertEquals("1150.00", MetricsTables.OVERDUE_AR.of(row(withoutActivity, "total", "all", "2026-03-31"))
                .toPlainString());
    }

    @Test
    void theReportShowsNoActivityFigureForAnInputWithout() throws Exception {
        ReportData.Activity none = ReportInputs.read(spark, dir.resolve("without-out").toString(), null, null)
                .activity().get(0);
        assertEquals(Arrays.asList("total", null, null, null, 1150.0), Arrays.asList(none.dimension(),
                none.promisesClosed(), none.contactCoverage(), none.instalmentsClosed(), none.overdueAr()));
    }

    @Test
    void promisedAmountsAreValuedWhenTheWindowClosesAndWhatIsOwedAtEachMonthEnd() {
        // February: 1,000 and 400 EUR at 1.10 when PR1's window closes (02-23); PL1's 300 at 1.10 on 02-18.
        Row feb = row(inDollars, "collector", "ann", "2026-02-28");
        assertEquals(Arrays.asList(1L, 1L, "1100.00", "440.00", 1L, "660.00", "660.00", "660.00", "330.00",
                "330.00", "USD"), values(feb, MetricsTables.PROMISES_CLOSED, MetricsTables.PROMISES_PARTLY_KEPT,
                MetricsTables.PROMISED_AMOUNT, MetricsTables.KEPT_AMOUNT, MetricsTables.BROKEN_OPEN_COUNT,
                MetricsTables.BROKEN_OPEN_UNPAID, MetricsTables.OVERDUE_AR, MetricsTables.CONTACTED_OVERDUE_AR,
                MetricsTables.INSTALMENT_AMOUNT, MetricsTables.MET_AMOUNT, MetricsTables.CURRENCY));
        assertShare(0.4, feb, MetricsTables.PROMISE_KEPT_RATE_AMOUNT);
        assertShare(1.0, feb, MetricsTables.CONTACT_COVERAGE);
        assertShare(1.0, feb, MetricsTables.PLAN_ADHERENCE_AMOUNT);
        // March: the 600 EUR short and owed, at 1.20; K1's 30 days ended 03-06.
        Row mar = row(inDollars, "total", "all", "2026-03-31");
        assertEquals(Arrays.asList(1L, "720.00", "720.00", "0.00"), values(mar, MetricsTables.BROKEN_OPEN_COUNT,
                MetricsTables.BROKEN_OPEN_UNPAID, MetricsTables.OVERDUE_AR, MetricsTables.CONTACTED_OVERDUE_AR));
        assertShare(0.0, mar, MetricsTables.CONTACT_COVERAGE);
    }
}
