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
import io.arscope.ledger.InvoiceHistory;
import io.arscope.ledger.PaidInvoices;
import io.arscope.ledger.ReceivablesLedger;
import io.arscope.testing.LedgerBuilder;
import io.arscope.testing.TestSpark;
import io.arscope.worklist.CollectionContext;

/**
 * A reversed payment, as Oracle writes a reversed receipt (a negative application) and ingest accepts it flagged
 * {@code PAYMENT_REVERSAL}: it reopens what the payment settled. Worked by hand, months of 30 days, as of 31 March
 * 2025, one customer K1 in segment A:
 * <pre>
 * R1  1,000 issued 1 Jan, due 31 Jan; paid 1,000 on 10 Feb; the payment reversed (-1,000) on 5 Mar: open again,
 *     59 days past due on 31 Mar (31-60)
 * R2    500 issued 15 Jan, due 14 Feb; paid 500 on 20 Feb, 6 days late
 * K1 on account: 300 of cash on 1 Feb, 200 of it refunded (-200) on 10 Mar
 * </pre>
 * January: sales 1,500, AR 1,500 all current (R1 is due on the month-end). February: collections 1,500, AR 0, on
 * account 300. March: collections -1,000 (net of the reversal), AR 1,000 all past due, on account 100; 0 + 0 -
 * (-1,000) = 1,000 holds. Countback DSO for March: no sales in March or February (30 + 30 days), then 1,000 of
 * January's 1,500: 60 + 1,000 / 1,500 x 30 = 80. Rejected instead, the reversal would leave R1 settled and March's
 * AR 0.
 */
// A metrics run on files: the integration tier keeps the fast tier under four minutes.
@Tag("integration")
class PaymentReversalTest {

    @TempDir
    static Path dir;
    private static SparkSession spark;

    @BeforeAll
    static void run() throws Exception {
        spark = TestSpark.session();
        new LedgerBuilder().customer("K1", "A")
                .invoice("R1", "K1", "2025-01-01", "2025-01-31", "1000")
                .payment("R1", "K1", "2025-02-10", "1000").payment("R1", "K1", "2025-03-05", "-1000")
                .invoice("R2", "K1", "2025-01-15", "2025-02-14", "500").payment("R2", "K1", "2025-02-20", "500")
                .payment(null, "K1", "2025-02-01", "300").payment(null, "K1", "2025-03-10", "-200")
                .write(spark, dir.resolve("in"));
        MetricsJob.write(JobContext.of(spark, new MetricsOptions(dir.resolve("in").toString(),
                dir.resolve("out").toString(), d("2025-03-31"), AgingBuckets.DEFAULT, List.of("segment"),
                DayCount.THIRTY, 0, 12, 1.0, TrendConfig.DEFAULT)));
    }

    @Test
    void theReversalReopensTheInvoiceAndNetsTheMonthsCollections() {
        assertEquals(List.of(
                        "2025-01 sales 1500.00 collections 0.00 AR 1500.00 current 1500.00 on account 0.00",
                        "2025-02 sales 0.00 collections 1500.00 AR 0.00 current 0.00 on account 300.00",
                        "2025-03 sales 0.00 collections -1000.00 AR 1000.00 current 0.00 on account 100.00"),
                months().stream().map(r -> r.getAs("period") + " sales " + plain(r, "credit_sales") + " collections "
                        + plain(r, "collections") + " AR " + plain(r, "ending_ar") + " current "
                        + plain(r, "current_ar") + " on account " + plain(r, "on_account")).toList());
        assertEquals(80.0, ((Number) months().get(2).getAs("dso_countback")).doubleValue(), 1e-9);
        // January's invoices: R1's payment was taken back, so only R2's stands, 36 days after issue and 6 late.
        // Weighed as a payment of -1,000 on 5 March: (1,000 x 40 + 500 x 36 - 1,000 x 63) / 500 = -10.
        assertEquals(36.0, ((Number) months().get(0).getAs("avg_days_to_pay")).doubleValue(), 1e-9);
        assertEquals(6.0, ((Number) months().get(0).getAs("wadl")).doubleValue(), 1e-9);
        assertEquals(List.of("R1 1000.00 59 31-60"), spark.read().parquet(dir.resolve("out").resolve("open_items")
                .toString()).collectAsList().stream().map(r -> r.getAs("invoice_id") + " "
                        + ((BigDecimal) r.getAs("open_amount")).toPlainString() + " " + r.getAs("days_past_due") + " "
                        + r.getAs("bucket")).toList());
    }

    /** Settled for good only: on 28 February R1 was paid 10 days late; on 31 March it is open, so not paid. */
    @Test
    void aReopenedInvoiceIsNoPaidInvoiceOnceItsReversalIsKnown() {
        ReceivablesLedger ledger = ReceivablesLedger.ofIngest(spark, dir.resolve("in").toString());
        assertEquals(List.of("2025-02-20 6 true"), settled(ledger, "2025-03-31"));
        assertEquals(List.of("2025-02-20 6 true", "2025-02-10 10 true"), settled(ledger, "2025-02-28"));
    }

    /** The reversal on 5 March and the refund on 10 March are cash taken back, not the customer paying. */
    @Test
    void cashTakenBackIsNoPayment() {
        ReceivablesLedger ledger = ReceivablesLedger.ofIngest(spark, dir.resolve("in").toString());
        Row k1 = CollectionContext.customers(ledger, d("2025-03-31")).first();
        assertEquals(d("2025-02-20"), k1.getAs("last_payment_date"));
        assertEquals(new BigDecimal("100.00"), k1.getAs("on_account_credit"));
    }

    private static List<String> settled(ReceivablesLedger ledger, String asOf) {
        return PaidInvoices.settled(InvoiceHistory.of(ledger.asOf(d(asOf)), List.of()))
                .orderBy("days_late").collectAsList().stream()
                .map(r -> r.getAs("settled_on") + " " + r.getAs("days_late") + " " + r.getAs(PaidInvoices.PAID))
                .toList();
    }

    private static List<Row> months() {
        return spark.read().parquet(dir.resolve("out").resolve(MetricsTables.PERIOD_METRICS.name()).toString())
                .filter("dimension = 'segment' and value = 'A' and period_type = 'month'").orderBy("period")
                .collectAsList();
    }

    private static String plain(Row r, String column) {
        return ((BigDecimal) r.getAs(column)).toPlainString();
    }
}
