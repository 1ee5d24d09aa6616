package io.arscope.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.activity.ActivityConfig;
import io.arscope.activity.CollectionActivity;
import io.arscope.activity.PromiseStatus;
import io.arscope.ledger.ReceivablesLedger;
import io.arscope.testing.LedgerBuilder;
import io.arscope.testing.TestSpark;

/**
 * Promises judged by hand as of 2026-03-15 (the previous run) and 2026-03-31, with 3 days' grace. C1 pays I1 300
 * on 03-05 and 03-12, I2 100 on 03-16 and 50 on 03-29; C2 pays I3 200 on 03-09.
 */
class BrokenPromisesTest {
    static final LocalDate BEFORE = LocalDate.of(2026, 3, 15);
    static final LocalDate NOW = LocalDate.of(2026, 3, 31);

    @TempDir
    Path dir;

    @Test
    void onlyPromisesBrokenSinceThePreviousRunAreAlerted() {
        SparkSession spark = TestSpark.session();
        new LedgerBuilder().customer("C1", "Retail").customer("C2", "Retail")
                .invoice("I1", "C1", "2026-01-15", "2026-02-28", "1000")
                .invoice("I2", "C1", "2026-02-01", "2026-03-15", "500")
                .invoice("I3", "C2", "2026-01-20", "2026-02-20", "400")
                .payment("I1", "C1", "2026-03-05", "300").payment("I1", "C1", "2026-03-12", "300")
                .payment("I2", "C1", "2026-03-16", "100").payment("I2", "C1", "2026-03-29", "50")
                .payment("I3", "C2", "2026-03-09", "200")
                // Kept: never alerted.
                .promise("PR1", "C1", "I1", "2026-03-01", "2026-03-10", "600")
                // Pending on 03-15 (window to 03-18), partly kept now: 700 of 800 paid.
                .promise("PR2", "C1", null, "2026-03-01", "2026-03-15", "800")
                // Already broken on 03-15 (window 03-02..03-08): alerted by that run, not this one.
                .promise("PR3", "C2", null, "2026-03-02", "2026-03-05", "200")
                // Made after 03-15 and broken: nothing in 03-20..03-25.
                .promise("PR8", "C1", null, "2026-03-20", "2026-03-22", "200")
                // Still pending: its window runs to 04-05.
                .promise("PR4", "C2", "I3", "2026-03-25", "2026-04-02", "200")
                .write(spark, dir);
        ReceivablesLedger ledger = ReceivablesLedger.ofIngest(spark, dir.toString()).asOf(NOW);
        CollectionActivity activity = CollectionActivity.ofIngest(spark, dir.toString());

        List<String> alerts = AlertRows.shown(BrokenPromises.of(
                PromiseStatus.of(activity.promises(), ledger.payments(), ledger.invoices(), NOW,
                        ActivityConfig.DEFAULT),
                PromiseStatus.of(activity.promises(), ledger.payments(), ledger.invoices(), BEFORE,
                        ActivityConfig.DEFAULT),
                ledger.invoices(), ledger.customers().select("customer_id", "name"), NOW, BEFORE));

        assertEquals(List.of(
                "broken_promise | high | C1 | Customer C1 | promise PR8 made 2026-03-20 to pay USD 200.00 by "
                        + "2026-03-22: nothing paid; 9 days overdue | 2026-03-31 | 2026-03-15 | null | null | "
                        + "200.00 | USD",
                "broken_promise | medium | C1 | Customer C1 | promise PR2 made 2026-03-01 to pay USD 800.00 by "
                        + "2026-03-15: USD 700.00 paid, USD 100.00 missing; 16 days overdue | 2026-03-31 | "
                        + "2026-03-15 | null | null | 100.00 | USD"), alerts);
    }
}
