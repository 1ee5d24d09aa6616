package io.arscope.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.ledger.ReceivablesLedger;
import io.arscope.testing.LedgerBuilder;
import io.arscope.testing.TestSpark;

/**
 * Promise statuses worked out by hand, as of 2026-03-31 with 3 days' grace. C1 pays I1 300 on 03-05 and 300 on
 * 03-12, I2 100 on 03-16 and 50 on 03-29; C2 pays I3 200 on 03-09 and 200 on 04-01 (after the as-of day).
 */
class PromiseStatusTest {

    @TempDir
    Path dir;

    @Test
    void eachPromiseIsJudgedByThePaymentsInItsWindow() {
        SparkSession spark = TestSpark.session();
        new LedgerBuilder().customer("C1", "Retail").customer("C2", "Retail")
                .invoice("I1", "C1", "2026-01-15", "2026-02-28", "1000")
                .invoice("I2", "C1", "2026-02-01", "2026-03-15", "500")
                .invoice("I3", "C2", "2026-01-20", "2026-02-20", "400")
                .payment("I1", "C1", "2026-03-05", "300").payment("I1", "C1", "2026-03-12", "300")
                .payment("I2", "C1", "2026-03-16", "100").payment("I2", "C1", "2026-03-29", "50")
                .payment("I3", "C2", "2026-03-09", "200").payment("I3", "C2", "2026-04-01", "200")
                // I1's two payments in 03-01..03-13 reach 600.
                .promise("PR1", "C1", "I1", "2026-03-01", "2026-03-10", "600")
                // The balance: 300 + 300 + 100 in 03-01..03-18, short of 800; 16 days since 03-15.
                .promise("PR2", "C1", null, "2026-03-01", "2026-03-15", "800")
                // Nothing in 03-02..03-08: the 03-09 payment is a day past the grace.
                .promise("PR3", "C2", null, "2026-03-02", "2026-03-05", "200")
                // Its window runs to 04-05; the 04-01 payment is after the as-of day.
                .promise("PR4", "C2", "I3", "2026-03-25", "2026-04-02", "200")
                // Window still open, 50 of 100 paid on I2 (the 03-16 payment predates the promise).
                .promise("PR5", "C1", "I2", "2026-03-20", "2026-03-30", "100")
                // In euros: C1's dollar payments do not count.
                .promise("PR6", "C1", null, "2026-03-01", "2026-03-15", "100", "EUR")
                // Made after the as-of day: not known yet.
                .promise("PR7", "C1", null, "2026-04-01", "2026-04-10", "100")
                .write(spark, dir);
        ReceivablesLedger ledger = ReceivablesLedger.ofIngest(spark, dir.toString());
        CollectionActivity activity = CollectionActivity.ofIngest(spark, dir.toString());

        List<String> rows = PromiseStatus.of(activity.promises(), ledger.payments(), ledger.invoices(),
                LocalDate.parse("2026-03-31"), ActivityConfig.DEFAULT).orderBy("promise_id").collectAsList().stream()
                .map(PromiseStatusTest::shown).toList();

        assertEquals(List.of("PR1 600.00 paid 600.00 kept null", "PR2 800.00 paid 700.00 partly_kept 16",
                "PR3 200.00 paid 0.00 broken 26", "PR4 200.00 paid 0.00 pending null",
                "PR5 100.00 paid 50.00 pending null", "PR6 100.00 paid 0.00 broken 16"), rows);
    }

    @Test
    void noGraceMeansThePromisedDayItself() {
        SparkSession spark = TestSpark.session();
        new LedgerBuilder().customer("C1", "Retail").invoice("I1", "C1", "2026-01-15", "2026-02-28", "1000")
                .payment("I1", "C1", "2026-03-11", "600")
                .promise("PR1", "C1", "I1", "2026-03-01", "2026-03-10", "600")
                .write(spark, dir);
        ReceivablesLedger ledger = ReceivablesLedger.ofIngest(spark, dir.toString());
        CollectionActivity activity = CollectionActivity.ofIngest(spark, dir.toString());

        Row row = PromiseStatus.of(activity.promises(), ledger.payments(), ledger.invoices(),
                LocalDate.parse("2026-03-31"), new ActivityConfig(0)).first();

        assertEquals("PR1 600.00 paid 0.00 broken 21", shown(row));
    }

    /**
     * The reversals audit's promise: 2,000 promised by 15 May; a cheque of 2,000 on 12 May, returned on 26 May, after
     * the window. As of 31 May nothing stands: broken, 16 days overdue. As of 20 May, before the cheque came back,
     * it was kept.
     */
    @Test
    void aPaymentReversedAfterTheWindowKeptNothing() {
        SparkSession spark = TestSpark.session();
        new LedgerBuilder().customer("C1", "Retail").invoice("I1", "C1", "2025-03-01", "2025-03-31", "2000")
                .payment("I1", "C1", "2025-05-12", "2000").payment("I1", "C1", "2025-05-26", "-2000")
                .promise("PR1", "C1", "I1", "2025-05-02", "2025-05-15", "2000")
                .write(spark, dir);
        ReceivablesLedger ledger = ReceivablesLedger.ofIngest(spark, dir.toString());
        CollectionActivity activity = CollectionActivity.ofIngest(spark, dir.toString());

        assertEquals("PR1 2000.00 paid 0.00 broken 16", shown(PromiseStatus.of(activity.promises(),
                ledger.payments(), ledger.invoices(), LocalDate.parse("2025-05-31"), new ActivityConfig(0)).first()));
        assertEquals("PR1 2000.00 paid 2000.00 kept null", shown(PromiseStatus.of(activity.promises(),
                ledger.payments(), ledger.invoices(), LocalDate.parse("2025-05-20"), new ActivityConfig(0)).first()));
    }

    private static String shown(Row r) {
        return r.getAs("promise_id") + " " + r.getAs("amount") + " paid " + r.getAs("paid_amount") + " "
                + r.getAs("status") + " " + r.getAs("days_overdue");
    }
}
