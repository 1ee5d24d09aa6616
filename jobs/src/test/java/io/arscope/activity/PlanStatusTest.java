package io.arscope.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.ledger.ReceivablesLedger;
import io.arscope.testing.LedgerBuilder;
import io.arscope.testing.TestSpark;

/**
 * Plan instalments worked out by hand, as of 2026-03-31 with 3 days' grace. PL1 (agreed 01-10) asks 300 on the last
 * day of each month from January to April; C3 pays 100 on 01-05 (before the plan: not counted), 300 on 02-02, 200
 * on 03-02 and 300 on 03-20. PL2 (C4, agreed 02-01) asks 50 by 02-15 and gets nothing. PL3 (C5, agreed 01-10)
 * asks 200 by 01-31; C5's cheque of 200 on 01-30 came back on 02-20, after the grace: it met nothing.
 */
class PlanStatusTest {

    @TempDir
    Path dir;

    @Test
    void paymentsSettleTheInstalmentsInOrder() {
        SparkSession spark = TestSpark.session();
        new LedgerBuilder().customer("C3", "Retail").customer("C4", "Retail").customer("C5", "Retail")
                .invoice("I4", "C3", "2025-12-01", "2025-12-31", "1200")
                .invoice("I5", "C4", "2025-12-01", "2025-12-31", "50")
                .payment("I4", "C3", "2026-01-05", "100").payment("I4", "C3", "2026-02-02", "300")
                .payment("I4", "C3", "2026-03-02", "200").payment("I4", "C3", "2026-03-20", "300")
                .instalment("PL1", 1, "C3", "2026-01-10", "2026-01-31", "300")
                .instalment("PL1", 2, "C3", "2026-01-10", "2026-02-28", "300")
                .instalment("PL1", 3, "C3", "2026-01-10", "2026-03-31", "300")
                .instalment("PL1", 4, "C3", "2026-01-10", "2026-04-30", "300")
                .instalment("PL2", 1, "C4", "2026-02-01", "2026-02-15", "50")
                .invoice("I6", "C5", "2025-12-01", "2025-12-31", "500")
                .payment("I6", "C5", "2026-01-30", "200").payment("I6", "C5", "2026-02-20", "-200")
                .instalment("PL3", 1, "C5", "2026-01-10", "2026-01-31", "200")
                .write(spark, dir);
        ReceivablesLedger ledger = ReceivablesLedger.ofIngest(spark, dir.toString());
        CollectionActivity activity = CollectionActivity.ofIngest(spark, dir.toString());

        List<String> rows = PlanStatus.of(activity.planInstalments(), ledger.payments(), ledger.invoices(),
                LocalDate.parse("2026-03-31"), ActivityConfig.DEFAULT).orderBy("plan_id", "instalment")
                .collectAsList().stream().map(r -> r.getAs("plan_id") + "#" + r.getAs("instalment") + " "
                        + r.getAs("amount_to_date") + " paid " + r.getAs("paid_to_date") + " " + r.getAs("status"))
                .toList();

        // #1: 300 by 02-03. #2: 500 by 03-03, short of 600. #3: 800 by the as-of day, due on it. #4: not yet due.
        assertEquals(List.of("PL1#1 300.00 paid 300.00 met", "PL1#2 600.00 paid 500.00 missed",
                "PL1#3 900.00 paid 800.00 due", "PL1#4 1200.00 paid 800.00 upcoming",
                "PL2#1 50.00 paid 0.00 missed", "PL3#1 200.00 paid 0.00 missed"), rows);
    }
}
