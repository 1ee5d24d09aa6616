package io.arscope.worklist;

import static io.arscope.testing.LedgerBuilder.d;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.ledger.PaidInvoices;
import io.arscope.ledger.ReceivablesLedger;
import io.arscope.testing.LedgerBuilder;
import io.arscope.testing.TestSpark;

/**
 * Issue 22: an overdue invoice said "past its expected payment date", which tells a collector nothing about the
 * invoices that matter most. A hand-made ledger as of 2025-06-30, every invoice of 100 due 2025-01-31, so that
 * days late = payment day - 31 January (February 2025 has 28 days).
 *
 * <p>Customer A's invoices paid in full by the as-of day: A12 6 days early (-6), A1 5, A2 12, A3 20, A4 25, A5 31
 * (3 March), A6 40, A11 45 (a credit memo of 40 on 10 February, the payment of 60 on 17 March settles it), A7 60.
 * Not paid: A8 paid on 15 July, after the as-of day (165 days late, not known on 30 June); A9 written off on
 * 1 May; A10 paid 50 on 10 February, the rest credited on 5 March (settled by a credit memo); A13 half paid.
 * Customer B's: 35, 50 and 70 days late. Each of A8, A9 and A10, counted, would give A a fifth invoice over 30 days
 * late and put OA2 on A's own history.
 */
class ExpectedDaysToPayTest {

    private static final LocalDate AS_OF = d("2025-06-30");
    private static final StructType OPEN = DataTypes.createStructType(List.of(
            DataTypes.createStructField("invoice_id", DataTypes.StringType, false),
            DataTypes.createStructField("customer_id", DataTypes.StringType, false),
            DataTypes.createStructField("days_past_due", DataTypes.IntegerType, false),
            DataTypes.createStructField("expected_days_late", DataTypes.DoubleType, false)));

    @TempDir
    static Path dir;
    private static Dataset<Row> paid;

    @BeforeAll
    static void ledger() {
        SparkSession spark = TestSpark.session();
        LedgerBuilder b = new LedgerBuilder().customer("A", "Enterprise").customer("B", "Enterprise");
        for (String id : List.of("A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "A10", "A11", "A12", "A13")) {
            b.invoice(id, "A", "2025-01-01", "2025-01-31", "100");
        }
        for (String id : List.of("B1", "B2", "B3")) {
            b.invoice(id, "B", "2025-01-01", "2025-01-31", "100");
        }
        b.payment("A12", "A", "2025-01-25", "100").payment("A1", "A", "2025-02-05", "100")
                .payment("A2", "A", "2025-02-12", "100").payment("A3", "A", "2025-02-20", "100")
                .payment("A4", "A", "2025-02-25", "100").payment("A5", "A", "2025-03-03", "100")
                .payment("A6", "A", "2025-03-12", "100")
                .adjustment("A11", "A", "2025-02-10", "40", "credit_memo").payment("A11", "A", "2025-03-17", "60")
                .payment("A7", "A", "2025-04-01", "100")
                .payment("A8", "A", "2025-07-15", "100")
                .adjustment("A9", "A", "2025-05-01", "100", "write_off")
                .payment("A10", "A", "2025-02-10", "50").adjustment("A10", "A", "2025-03-05", "50", "credit_memo")
                .payment("A13", "A", "2025-03-01", "50")
                .payment("B1", "B", "2025-03-07", "100").payment("B2", "B", "2025-03-22", "100")
                .payment("B3", "B", "2025-04-11", "100")
                .write(spark, dir);
        paid = ExpectedDaysToPay.settledInvoices(ReceivablesLedger.read(spark, dir.resolve("canonical").toString()),
                AS_OF).localCheckpoint();
    }

    /** A10 was settled by its credit memo 33 days late (5 March), A9 by its write-off 90 days late (1 May). */
    @Test
    void theSettledHistoryIsWhatWasPaidOrClosedInFullByTheAsOfDay() {
        assertEquals(List.of("A -6 paid", "A 5 paid", "A 12 paid", "A 20 paid", "A 25 paid", "A 31 paid",
                        "A 33 closed", "A 40 paid", "A 45 paid", "A 60 paid", "A 90 closed", "B 35 paid", "B 50 paid",
                        "B 70 paid"),
                paid.orderBy("customer_id", "days_late").collectAsList().stream()
                        .map(r -> r.getAs("customer_id") + " " + r.getAs("days_late") + " "
                                + (r.<Boolean>getAs(PaidInvoices.PAID) ? "paid" : "closed")).toList());
    }

    /**
     * OA1, 10 days late: A has 7 paid invoices over 10 days late (12 ... 60), at least 5, so its own: 2, 10, 15,
     * 21, 30, 35, 50 days more, median 21. OA2, 30 days late: A has 4 (31, 40, 45, 60), too few; the portfolio 7
     * (31, 35, 40, 45, 50, 60, 70): 1, 5, 10, 15, 20, 30, 40 more, median 15. OB1, 34 days late: B has 3; the
     * portfolio 6 (35, 40, 45, 50, 60, 70): 1, 6, 11, 16, 26, 36, median 13.5, rounded up to 14. OB2, 70 days late:
     * nobody was paid after 70 days. Not yet late: OA3, due in 5 days, expected 3.4 days late: 5 + 3 = 8; OA4, due
     * today, expected 2 days early: that day is past, null.
     *
     * <p>Closed unpaid as late, on the same basis: OA1, A's own over 10 days: A10 (33) and A9 (90), 2; OA2, all
     * over 30: the same 2; OB1, all over 34: A9, 1; OB2, all over 70: A9, 1, beside no paid one.
     */
    @Test
    void aLateInvoiceGetsTheMedianOfTheInvoicesPaidAfterBeingAsLate() {
        SparkSession spark = TestSpark.session();
        Dataset<Row> open = spark.createDataFrame(List.of(
                RowFactory.create("OA1", "A", 10, 7.0),
                RowFactory.create("OA2", "A", 30, 7.0),
                RowFactory.create("OA3", "A", -5, 3.4),
                RowFactory.create("OA4", "A", 0, -2.0),
                RowFactory.create("OB1", "B", 34, 20.0),
                RowFactory.create("OB2", "B", 70, 20.0)), OPEN);
        assertEquals(List.of("OA1 21 customer 7 2", "OA2 15 portfolio 7 2", "OA3 8 model null null",
                        "OA4 null model null null", "OB1 14 portfolio 6 1", "OB2 null no_history null 1"),
                ExpectedDaysToPay.of(open, paid).orderBy("invoice_id").collectAsList().stream()
                        .map(r -> r.getAs("invoice_id") + " " + r.getAs(ExpectedDaysToPay.DAYS) + " "
                                + r.getAs(ExpectedDaysToPay.BASIS) + " " + r.getAs(ExpectedDaysToPay.INVOICES) + " "
                                + r.getAs(ExpectedDaysToPay.CLOSED_UNPAID))
                        .toList());
    }
}
