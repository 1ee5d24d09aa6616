package io.arscope.metrics;

import static io.arscope.testing.LedgerBuilder.d;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.job.JobContext;
import io.arscope.ledger.AgingBuckets;
import io.arscope.ledger.EffectiveDates;
import io.arscope.ledger.ReceivablesLedger;
import io.arscope.testing.LedgerBuilder;
import io.arscope.testing.TestSpark;

/**
 * The oddities ingest flags, as the metrics count them through {@link EffectiveDates}, on a ledger worked by hand
 * (months of 30 days, definitions of shared/reference/metrics.md), as of 31 March 2025:
 * <pre>
 * E1  issued 10 Mar, due 20 Feb (before issue), 1,000, unpaid     due on 10 Mar: 21 days past due, bucket 1-30
 * E2  issued 20 Mar, 500, paid 500 on 25 Feb (a prepayment)       settled on 20 Mar, 0 days to pay; a dispute
 *     opened on 1 Mar                                             opened on 20 Mar
 * E3  issued 1 Mar, due 31 Mar, 2,000, 1,000 paid on 16 Mar by K2 15 days to pay, for K1; 1,000 current
 * </pre>
 * March: credit sales 3,500; collections 1,000 + 500 = 1,500; AR 0 at the start and 2,000 at the end, 1,000 of it
 * current and 1,000 past due by 21 days. Read with the raw dates, E1 would be 39 days past due (31-60), E2's
 * prepayment a February collection with -23 days to pay, and February's AR -500.
 */
// Several ingest or metrics runs on files: the integration tier keeps the fast tier under four minutes.
@Tag("integration")
class EffectiveDatesMetricsTest {

    private static final double EXACT = 1e-9;

    @TempDir
    static Path dir;
    private static SparkSession spark;

    @BeforeAll
    static void run() throws Exception {
        spark = TestSpark.session();
        new LedgerBuilder().customer("K1", "A").customer("K2", "A")
                .invoice("E1", "K1", "2025-03-10", "2025-02-20", "1000")
                .invoice("E2", "K1", "2025-03-20", "2025-04-19", "500").payment("E2", "K1", "2025-02-25", "500")
                .dispute("E2", "2025-03-01", null)
                .invoice("E3", "K1", "2025-03-01", "2025-03-31", "2000").payment("E3", "K2", "2025-03-16", "1000")
                .write(spark, dir.resolve("in"));
        MetricsJob.write(JobContext.of(spark, new MetricsOptions(dir.resolve("in").toString(),
                dir.resolve("out").toString(), d("2025-03-31"), AgingBuckets.DEFAULT, List.of("segment"),
                DayCount.THIRTY, 0, 12, 1.0, TrendConfig.DEFAULT)));
    }

    @Test
    void theLedgerReadMovesTheOddDatesAndThePayersCustomer() {
        ReceivablesLedger ledger = ReceivablesLedger.ofIngest(spark, dir.resolve("in").toString());
        assertEquals(List.of("E1 2025-03-10", "E2 2025-04-19", "E3 2025-03-31"), ledger.invoices().orderBy("invoice_id")
                .collectAsList().stream().map(r -> r.getAs("invoice_id") + " " + r.getAs("due_date")).toList());
        assertEquals(List.of("E2 K1 2025-03-20", "E3 K1 2025-03-16"), ledger.payments().orderBy("invoice_id")
                .collectAsList().stream().map(r -> r.getAs("invoice_id") + " " + r.getAs("customer_id") + " "
                        + r.getAs("payment_date")).toList());
        assertEquals(List.of("E2 2025-03-20 null"), ledger.disputes().collectAsList().stream()
                .map(r -> r.getAs("invoice_id") + " " + r.getAs("opened_date") + " " + r.getAs("resolved_date"))
                .toList());
        // At the end of February the prepayment waits for its invoice: neither is in the ledger.
        ReceivablesLedger february = ledger.asOf(d("2025-02-28"));
        assertEquals(List.of(0L, 0L), List.of(february.invoices().count(), february.payments().count()));
    }

    @Test
    void marchsFiguresAreThoseWorkedByHand() {
        Row march = period("month", "2025-03");
        assertEquals(money("3500"), march.getAs("credit_sales"));
        assertEquals(money("1500"), march.getAs("collections"));
        assertEquals(money("0"), march.getAs("beginning_ar"));
        assertEquals(money("2000"), march.getAs("ending_ar"));
        assertEquals(money("1000"), march.getAs("current_ar"));
        assertEquals(money("1000"), march.getAs("past_due_ar"));
        assertEquals(2000.0 / 3500 * 30, num(march, "dso_standard"), EXACT);
        // Countback: March's sales (3,500) exceed the AR, so 2,000 / 3,500 of March's 30 days.
        assertEquals(2000.0 / 3500 * 30, num(march, "dso_countback"), EXACT);
        // E1 alone is past due, by 21 days: 21 over past-due AR, 21 x 1,000 / 2,000 over all AR.
        assertEquals(21.0, num(march, "add_past_due"), EXACT);
        assertEquals(10.5, num(march, "add_all_ar"), EXACT);
        // March's invoices: 500 paid in 0 days (E2), 1,000 in 15 (E3).
        assertEquals((500 * 0 + 1000 * 15) / 1500.0, num(march, "avg_days_to_pay"), EXACT);
        assertEquals((0 + 3500 - 2000) / (0 + 3500 - 1000.0) * 100, num(march, "cei"), EXACT);
        // No February: nothing counts before March 1.
        assertEquals(List.of("2025-03"), spark.read().parquet(dir.resolve("out")
                .resolve(MetricsTables.PERIOD_METRICS.name()).toString())
                .filter("dimension = 'segment' and value = 'A' and period_type = 'month'").orderBy("period")
                .collectAsList().stream().map(r -> r.<String>getAs("period")).toList());
    }

    @Test
    void anInvoiceDueBeforeIssueIsAgedFromItsIssueDateAndThePrepaidOneIsNotOpen() {
        assertEquals(List.of("E1 2025-03-10 1000.00 21 1-30", "E3 2025-03-31 1000.00 0 current"), spark.read()
                .parquet(dir.resolve("out").resolve("open_items").toString()).orderBy("invoice_id").collectAsList()
                .stream().map(r -> r.getAs("invoice_id") + " " + r.getAs("due_date") + " "
                        + ((BigDecimal) r.getAs("open_amount")).toPlainString() + " " + r.getAs("days_past_due") + " "
                        + r.getAs("bucket")).toList());
    }

    private static Row period(String type, String period) {
        List<Row> rows = spark.read().parquet(dir.resolve("out").resolve(MetricsTables.PERIOD_METRICS.name())
                .toString()).filter("dimension = 'segment' and value = 'A' and period_type = '" + type
                        + "' and period = '" + period + "'").collectAsList();
        assertEquals(1, rows.size(), period);
        return rows.get(0);
    }

    private static double num(Row r, String column) {
        return ((Number) r.getAs(column)).doubleValue();
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount).setScale(2);
    }
}
