package io.arscope.activity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

/**
 * Whether each payment-plan instalment was met, from the payments alone. Payments towards a plan are its
 * {@link CountedPayments} from the day it was agreed that still stand at the as-of day (a cheque returned since
 * kept nothing: {@link CountedPayments#withPaid}); they settle the instalments in order, so instalment n is
 * {@value #MET} once the payments up to its due date plus the grace days reach the amounts of instalments 1 to n.
 * Otherwise it is {@value #MISSED} once that day has passed, {@value #DUE} from its due date until then, and
 * {@value #UPCOMING} before its due date. Plan adherence is met instalments against met and missed ones.
 */
public final class PlanStatus {

    public static final String MET = "met";
    public static final String MISSED = "missed";
    public static final String DUE = "due";
    public static final String UPCOMING = "upcoming";
    /** The statuses, the most urgent for a collector first. */
    public static final List<String> STATUSES = List.of(MISSED, DUE, UPCOMING, MET);

    private PlanStatus() {
    }

    /**
     * One row per instalment of the plans agreed by {@code asOf}: the instalment's columns,
     * {@code amount_to_date} (DECIMAL(18,2), instalments 1 to n), {@code paid_to_date} (DECIMAL(18,2), payments
     * towards the plan up to the earlier of {@code asOf} and the due date plus grace) and {@code status}.
     */
    public static Dataset<Row> of(Dataset<Row> instalments, Dataset<Row> payments, Dataset<Row> invoices,
            LocalDate asOf, ActivityConfig config) {
        Dataset<Row> agreed = instalments.filter(col("agreed_on").leq(asOf))
                .withColumn("amount_to_date", sum(col("amount")).over(Window.partitionBy(col("plan_id"))
                        .orderBy(col("instalment")).rowsBetween(Window.unboundedPreceding(), Window.currentRow()))
                        .cast(DataTypes.createDecimalType(18, 2)));
        Column windowEnd = date_add(col("due_date"), config.graceDays());
        Dataset<Row> counted = CountedPayments.of(agreed, payments, invoices);
        Column status = when(col("paid_to_date").geq(col("amount_to_date")), MET)
                .when(lit(asOf).gt(windowEnd), MISSED).when(lit(asOf).geq(col("due_date")), DUE).otherwise(UPCOMING);
        return CountedPayments.withPaid(agreed.withColumn("until", least(windowEnd, lit(asOf))),
                        counted.filter(col("pay_date").leq(asOf)), List.of("plan_id", "instalment"), "agreed_on",
                        "until", "paid_to_date")
                .drop("until").withColumn("status", status);
    }
}
