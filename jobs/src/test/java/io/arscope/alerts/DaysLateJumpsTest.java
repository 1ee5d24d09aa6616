package io.arscope.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

import io.arscope.testing.TestSpark;

/**
 * Days late compared by hand as of 2026-10-31: the recent window is 2026-10-02..10-31, the earlier one
 * 2025-10-02..2026-10-01.
 */
class DaysLateJumpsTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 10, 31);

    /** The paid invoices of customers A to F, as the first test's comments work them out. */
    private static Dataset<Row> history(SparkSession spark) {
        return paid(spark,
                // A: recent 40 and 20 (30.0); earlier 5, 3 days early (0) and 10 (5.0): 25 days more, medium.
                row("A", "2026-10-20", 40), row("A", "2026-10-05", 20), row("A", "2026-06-01", 5),
                row("A", "2026-03-01", -3), row("A", "2025-12-01", 10),
                // B: recent 50; earlier 0, 0 and 0 (one on 10-01, the last day of the earlier window): 50 more,
                // twice the threshold, but on one recent invoice: medium.
                row("B", "2026-10-31", 50), row("B", "2026-10-01", 0), row("B", "2026-05-01", -2),
                row("B", "2026-01-01", 0),
                // C: only two earlier invoices in the window (2025-10-01 is before it): not enough history.
                row("C", "2026-10-10", 90), row("C", "2026-09-01", 0), row("C", "2026-08-01", 0),
                row("C", "2025-10-01", 0),
                // D: recent 24, earlier 10: 14 more, below the threshold of 15.
                row("D", "2026-10-15", 24), row("D", "2026-07-01", 10), row("D", "2026-04-01", 10),
                row("D", "2026-02-01", 10),
                // E: nothing paid recently.
                row("E", "2026-09-01", 60), row("E", "2026-08-01", 0), row("E", "2026-07-01", 0),
                row("E", "2026-06-01", 0),
                // F: recent 40 and 60 (50.0); earlier 0, 0 and 0: 50 more on two recent invoices, high.
                row("F", "2026-10-30", 40), row("F", "2026-10-03", 60), row("F", "2026-09-01", 0),
                row("F", "2026-05-01", 0), row("F", "2026-01-01", 0));
    }

    private static Dataset<Row> names(SparkSession spark) {
        return spark.createDataFrame(List.of(RowFactory.create("A", "Alpha Ltd"),
                RowFactory.create("B", "Beta & Co <b>")), DataTypes.createStructType(List.of(
                        DataTypes.createStructField("customer_id", DataTypes.StringType, false),
                        DataTypes.createStructField("name", DataTypes.StringType, true))));
    }

    @Test
    void aCustomerPayingMuchLaterThanItsOwnRecordIsAlerted() {
        SparkSession spark = TestSpark.session();
        List<String> alerts = AlertRows.shown(DaysLateJumps.of(history(spark), names(spark), AS_OF, 15, null));

        assertEquals(List.of(
                "days_late_jump | high | F | null | 2 invoices paid in the 30 days to 2026-10-31, on average "
                        + "50.0 days late; the 365 days before, 3 invoices paid on average on time | 2026-10-31 | "
                        + "null | 50.0 | 0.0 | null | null",
                "days_late_jump | medium | A | Alpha Ltd | 2 invoices paid in the 30 days to 2026-10-31, on average "
                        + "30.0 days late; the 365 days before, 3 invoices paid on average 5.0 days late | "
                        + "2026-10-31 | null | 30.0 | 5.0 | null | null",
                "days_late_jump | medium | B | Beta & Co <b> | 1 invoice paid in the 30 days to 2026-10-31, on average "
                        + "50.0 days late; the 365 days before, 3 invoices paid on average on time | 2026-10-31 | "
                        + "null | 50.0 | 0.0 | null | null"), alerts);
    }

    private static Row row(String customer, String settled, int daysLate) {
        return RowFactory.create(customer, LocalDate.parse(settled), daysLate);
    }

    private static Dataset<Row> paid(SparkSession spark, Row... rows) {
        return spark.createDataFrame(List.of(rows), DataTypes.createStructType(List.of(
                DataTypes.createStructField("customer_id", DataTypes.StringType, false),
                DataTypes.createStructField("settled_on", DataTypes.DateType, false),
                DataTypes.createStructField("days_late", DataTypes.IntegerType, false))));
    }

    /**
     * Compared with a run as of 2026-10-20, only a customer with a recent invoice paid after that day is alerted
     * again: A's 40 and 20 days were paid on 10-20 and 10-05, both known then, so A's jump is no news; B's 50 days
     * (paid 10-31) and F's 40 (paid 10-30) are.
     */
    @Test
    void aJumpAlreadyKnownAtThePreviousRunIsNotRepeated() {
        SparkSession spark = TestSpark.session();
        assertEquals(List.of("F", "B"), AlertRows.shown(DaysLateJumps.of(history(spark), names(spark), AS_OF, 15,
                LocalDate.of(2026, 10, 20))).stream().map(a -> a.split(" \\| ")[2]).toList());
    }
}
