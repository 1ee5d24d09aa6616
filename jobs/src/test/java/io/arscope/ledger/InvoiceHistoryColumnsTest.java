package io.arscope.ledger;

import static io.arscope.testing.LedgerBuilder.d;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import io.arscope.testing.HistoryRows;
import io.arscope.testing.TestSpark;

/**
 * The column expressions over an invoice's own events and disputes, on two invoices made by hand. X: 100, paid 30
 * on 10 Jan 2025, credit memo 20 on 20 Jan, 50 written off on 5 Feb; disputed 15 to 25 Jan, and again from 1 Feb,
 * still open. Y: 70, nothing happened to it.
 */
class InvoiceHistoryColumnsTest {

    private static List<String> values(Column... columns) {
        Dataset<Row> history = new HistoryRows()
                .invoice("X", "A", "2025-01-01", "2025-01-31", "100").event("payment", "2025-01-10", "30")
                .event("credit_memo", "2025-01-20", "20").event("write_off", "2025-02-05", "50")
                .dispute("2025-01-15", "2025-01-25").dispute("2025-02-01", null)
                .invoice("Y", "A", "2025-01-01", "2025-01-31", "70")
                .frame(TestSpark.session());
        return history.orderBy("invoice_id").select(columns).collectAsList().stream().map(r -> r.mkString(" "))
                .toList();
    }

    private static Column on(String day) {
        return lit(d(day));
    }

    @Test
    void reductionsByADayCountThatDay() {
        // X by 19 Jan: 30; by 20 Jan: 30 + 20; by 28 Feb: 30 + 20 + 50, or 30 + 20 of payments and memos only.
        // Y: nothing, as an exact zero.
        assertEquals(List.of("X 30.00 50.00 100.00 50.00", "Y 0.00 0.00 0.00 0.00"), values(col("invoice_id"),
                InvoiceHistory.reducedBy(on("2025-01-19")), InvoiceHistory.reducedBy(on("2025-01-20")),
                InvoiceHistory.reducedBy(on("2025-02-28")),
                InvoiceHistory.reducedBy(on("2025-02-28"), "payment", "credit_memo")));
    }

    @Test
    void amountsOfEventsOfOneKind() {
        // X: the write-off 50 and the payment 30; the sum of amounts x 2 of all events, (30 + 20 + 50) x 2 = 200.
        assertEquals(List.of("X 50.00 30.00 200.00", "Y 0.00 0.00 0.00"), values(col("invoice_id"),
                InvoiceHistory.amounts(InvoiceHistory.events("write_off")),
                InvoiceHistory.amounts(InvoiceHistory.events("payment")),
                InvoiceHistory.total(InvoiceHistory.events(), e -> e.getField("amount").multiply(2),
                        "decimal(30,2)")));
    }

    @Test
    void inDisputeFromTheDayOpenedUntilTheDayResolved() {
        // X: not yet on 14 Jan; from 15 Jan; still on 24 Jan; not on 25 Jan, the day it was resolved; again from
        // 1 Feb with no end. Y was never disputed.
        assertEquals(List.of("X false true true false true", "Y false false false false false"),
                values(col("invoice_id"), InvoiceHistory.disputedOn(on("2025-01-14")),
                        InvoiceHistory.disputedOn(on("2025-01-15")), InvoiceHistory.disputedOn(on("2025-01-24")),
                        InvoiceHistory.disputedOn(on("2025-01-25")), InvoiceHistory.disputedOn(on("2025-03-31"))));
    }
}
