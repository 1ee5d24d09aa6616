package io.arscope.activity;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Whether each promise to pay was kept, from the payments alone. A payment counts when it is one of
 * {@link CountedPayments} dated from the day the promise was made to the promised date plus the grace days, and by
 * the as-of day, and still stands then: a reversal by the as-of day takes it back ({@link CountedPayments#withPaid}).
 * A promise is {@value #KEPT} once the payments reach its amount (even before the promised date), {@value #PENDING}
 * while its window is open and they do not, then {@value #PARTLY_KEPT} when some was paid and {@value #BROKEN} when
 * nothing was.
 */
public final class PromiseStatus {

    public static final String KEPT = "kept";
    public static final String PARTLY_KEPT = "partly_kept";
    public static final String BROKEN = "broken";
    public static final String PENDING = "pending";
    /** The statuses, the most urgent for a collector first. */
    public static final List<String> STATUSES = List.of(BROKEN, PARTLY_KEPT, PENDING, KEPT);

    private PromiseStatus() {
    }

    /**
     * One row per promise made by {@code asOf}: the promise's columns, {@code paid_amount} (DECIMAL(18,2), 0 when
     * nothing counted), {@code status}, and {@code days_overdue}, days from the promised date to {@code asOf} for a
     * broken or partly kept promise, else null.
     *
     * @param promises canonical promises
     * @param payments the ledger's payments (customer filled from the invoice)
     * @param invoices the ledger's invoices, for the currency of payments that give none
     */
    public static Dataset<Row> of(Dataset<Row> promises, Dataset<Row> payments, Dataset<Row> invoices,
            LocalDate asOf, ActivityConfig config) {
        Dataset<Row> made = promises.filter(col("promised_on").leq(asOf));
        Column windowEnd = date_add(col("promised_date"), config.graceDays());
        Dataset<Row> counted = CountedPayments.of(made, payments, invoices).filter(col("pay_date").leq(asOf));
        Column open = lit(asOf).leq(windowEnd);
        Column status = when(col("paid_amount").geq(col("amount")), KEPT).when(open, PENDING)
                .when(col("paid_amount").gt(0), PARTLY_KEPT).otherwise(BROKEN);
        Dataset<Row> judged = CountedPayments.withPaid(made.withColumn("until", windowEnd), counted,
                List.of("promise_id"), "promised_on", "until", "paid_amount").drop("until").withColumn("status", status);
        return judged.withColumn("days_overdue", when(col("status").isin(BROKEN, PARTLY_KEPT),
                datediff(lit(asOf), col("promised_date"))));
    }
}
