package io.arscope.alerts;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Customers whose recent payments are much later than their own earlier ones ({@value AlertsTables#DAYS_LATE_JUMP}).
 * An invoice's days late are the days from its due date to the day it was paid in full
 * ({@link io.arscope.ledger.PaidInvoices}), an early payment counting as 0. The recent average is over the
 * invoices paid in the {@value #RECENT_DAYS} days up to the as-of date, the earlier one over those paid in the
 * {@value #EARLIER_DAYS} days before them; a customer needs at least {@value #MIN_EARLIER} earlier invoices. The
 * alert is raised when the recent average exceeds the earlier one by the threshold or more, and is
 * {@value AlertsTables#HIGH} from twice the threshold over at least {@value #MIN_RECENT_HIGH} recent invoices: one
 * invoice paid late, however late, may be a single dispute or a lost letter, not yet a change of habit. Alerts
 * say what changed since the previous run: a customer is alerted again only when one of its recent invoices was paid
 * after that run's date, where the same four customers, with the same figures, were alerted every day for a month.
 */
public final class DaysLateJumps {
    public static final int RECENT_DAYS = 30;
    public static final int EARLIER_DAYS = 365;
    public static final int MIN_EARLIER = 3;
    public static final int MIN_RECENT_HIGH = 2;
    /** The threshold's default, in days. */
    public static final int DEFAULT_JUMP = 15;

    private DaysLateJumps() {
    }

    /**
     * @param paid  customer_id, settled_on, days_late ({@link io.arscope.ledger.PaidInvoices})
     * @param names customer_id and name
     * @param jump  the rise of the average, in days, from which a customer is alerted
     * @param previousRun the previous run's as-of date, after which a recent invoice must have been paid for the
     *                    customer to be alerted again; null without a previous run
     * @return rows of {@link AlertsTables#ALERTS}
     */
    public static Dataset<Row> of(Dataset<Row> paid, Dataset<Row> names, LocalDate asOf, int jump,
            LocalDate previousRun) {
        Column recent = col("settled_on").gt(lit(asOf.minusDays(RECENT_DAYS))).and(col("settled_on").leq(lit(asOf)));
        Column sincePrevious = previousRun == null ? recent : recent.and(col("settled_on").gt(lit(previousRun)));
        Column earlier = col("settled_on").gt(lit(asOf.minusDays(RECENT_DAYS + EARLIER_DAYS)))
                .and(col("settled_on").leq(lit(asOf.minusDays(RECENT_DAYS))));
        Column late = greatest(col("days_late"), lit(0)).cast(DataTypes.DoubleType);
        Dataset<Row> jumped = paid.groupBy(col("customer_id"))
                .agg(count(when(recent, 1)).as("recent_n"), avg(when(recent, late)).as("recent"),
                        count(when(earlier, 1)).as("earlier_n"), avg(when(earlier, late)).as("earlier"),
                        count(when(sincePrevious, 1)).as("new_n"))
                .filter(col("new_n").geq(1).and(col("earlier_n").geq(MIN_EARLIER))
                        .and(col("recent").minus(col("earlier")).geq(jump)))
                .join(names.select(col("customer_id").as("n_id"), col("name")),
                        col("customer_id").equalTo(col("n_id")), "left");
        return AlertsTables.ALERTS.conform(jumped.select(
                lit(AlertsTables.DAYS_LATE_JUMP).as(AlertsTables.KIND.name()),
                when(col("recent").minus(col("earlier")).geq(2 * jump).and(col("recent_n").geq(MIN_RECENT_HIGH)),
                        lit(AlertsTables.HIGH))
                        .otherwise(lit(AlertsTables.MEDIUM)).as(AlertsTables.SEVERITY.name()),
                col("customer_id").as(AlertsTables.SUBJECT_ID.name()),
                col("name").as(AlertsTables.SUBJECT_NAME.name()),
                concat(AlertText.count(col("recent_n"), "invoice"), lit(" paid in the " + RECENT_DAYS
                        + " days to " + asOf + ", on average "), AlertText.daysLate(col("recent")),
                        lit("; the " + EARLIER_DAYS + " days before, "), AlertText.count(col("earlier_n"), "invoice"),
                        lit(" paid on average "), AlertText.daysLate(col("earlier"))).as(AlertsTables.CHANGE.name()),
                lit(asOf).as(AlertsTables.AS_OF.name()),
                lit(null).cast(DataTypes.DateType).as(AlertsTables.PREVIOUS_AS_OF.name()),
                col("recent").as(AlertsTables.CURRENT_VALUE.name()),
                col("earlier").as(AlertsTables.PREVIOUS_VALUE.name()),
                lit(null).cast(AlertsTables.AMOUNT.type()).as(AlertsTables.AMOUNT.name()),
                lit(null).cast(DataTypes.StringType).as(AlertsTables.CURRENCY.name())));
    }
}
