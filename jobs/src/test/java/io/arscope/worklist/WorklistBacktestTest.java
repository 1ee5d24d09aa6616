package io.arscope.worklist;

import static io.arscope.testing.LedgerBuilder.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.ledger.ReceivablesLedger;
import io.arscope.testing.LedgerBuilder;
import io.arscope.testing.TestSpark;

class WorklistBacktestTest {

    @TempDir
    Path dir;

    private static WorklistBacktest.Item item(String id, String priority, int dpd, String open, String collected,
            String overdue) {
        return new WorklistBacktest.Item(id, new BigDecimal(priority), dpd, new BigDecimal(open),
                new BigDecimal(collected), new BigDecimal(overdue));
    }

    @Test
    void eachRankingTakesItsTopKWithDeterministicTies() {
        List<WorklistBacktest.Item> pool = List.of(
                item("A", "900.00", 60, "1000.00", "0.00", "1000.00"),
                item("B", "100.00", 5, "5000.00", "5000.00", "0.00"),
                item("C", "50.00", 120, "200.00", "0.00", "200.00"),
                item("E", "400.00", 20, "800.00", "800.00", "0.00"),
                item("D", "400.00", 20, "800.00", "300.00", "500.00"));
        List<WorklistBacktest.Outcome> out = WorklistBacktest.compare(d("2025-01-31"), pool, 0.4);
        // K = ceil(0.4 x 5) = 2. Model: A, then D before E on id. Amount: B, then A. Days past due: C, A.
        assertEquals(List.of("MODEL 2 1800.00 300.00 1500.00 1700.00", "AMOUNT 2 6000.00 5000.00 1000.00 1700.00",
                "DAYS_PAST_DUE 2 1200.00 0.00 1200.00 1700.00"), out.stream().map(o -> o.ranking() + " " + o.k() + " "
                        + o.topOpen() + " " + o.topCollected() + " " + o.topOverdue() + " " + o.poolOverdue()).toList());
        assertEquals(1500.0 / 1700.0, out.get(0).overdueCaptured(), 1e-12);
        List<WorklistBacktest.Outcome> twoDays = new java.util.ArrayList<>(out);
        twoDays.addAll(WorklistBacktest.compare(d("2025-02-28"), pool, 0.4));
        WorklistBacktest.Total ours = WorklistBacktest.totals(twoDays).get(WorklistBacktest.Ranking.MODEL);
        assertEquals("600.00 3000.00 3400.00", ours.topCollected() + " " + ours.topOverdue() + " "
                + ours.poolOverdue());
        assertEquals(3000.0 / 3400.0, ours.overdueCaptured(), 1e-12);
    }

    @Test
    void aPoolWithNothingOverdueCapturesNoShareAndSaysWhy() {
        // Neither invoice is overdue at the horizon: a share of nothing is n/a, not 0%, and so is the lift.
        List<WorklistBacktest.Item> pool = List.of(item("X", "10.00", 5, "100.00", "100.00", "0.00"),
                item("Y", "5.00", 1, "50.00", "0.00", "0.00"));
        List<WorklistBacktest.Outcome> out = WorklistBacktest.compare(d("2025-01-31"), pool, 0.5);
        assertNull(out.get(0).overdueCaptured());
        String none = "captured n/a (nothing in the pool overdue at the horizon)";
        String day = "pool       2 top      1  cash in 30 days           100.00  overdue after             0.00  " + none;
        String all = "cash collected           100.00  overdue reached             0.00  " + none
                + "  model's lift n/a (nothing reached)";
        assertEquals(List.of("2025-01-31 MODEL          " + day, "2025-01-31 AMOUNT         " + day,
                "2025-01-31 DAYS_PAST_DUE  " + day, "all days, MODEL          " + all, "all days, AMOUNT         " + all,
                "all days, DAYS_PAST_DUE  " + all), WorklistBacktestJob.details(out, 30));
    }

    @Test
    void outcomesCountOnlyTheHorizonAndSeparateCashFromCredits() {
        SparkSession spark = TestSpark.session();
        new LedgerBuilder().customer("C1", "Enterprise")
                .invoice("A", "C1", "2025-01-01", "2025-01-31", "1000")
                .invoice("B", "C1", "2025-01-01", "2025-01-31", "500")
                .payment("A", "C1", "2025-01-31", "100")
                .payment("A", "C1", "2025-02-01", "200")
                .payment("A", "C1", "2025-03-02", "300")
                .payment("A", "C1", "2025-03-03", "400")
                .adjustment("B", "C1", "2025-02-15", "50", "credit_memo")
                .write(spark, dir);
        ReceivablesLedger ledger = ReceivablesLedger.read(spark, dir.resolve("canonical").toString());
        // Horizon (31 Jan, 2 Mar]: A's payments of 1 Feb and 2 Mar, B's credit memo.
        assertEquals(List.of("A 500.00 500.00", "B 0.00 50.00"), WorklistBacktest.outcomes(ledger, d("2025-01-31"), 30)
                .orderBy("invoice_id").collectAsList().stream()
                .map(r -> r.getAs("invoice_id") + " " + r.getAs("collected") + " " + r.getAs("reduced")).toList());
    }
}
