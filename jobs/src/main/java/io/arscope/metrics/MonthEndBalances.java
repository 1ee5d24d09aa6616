package io.arscope.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Open items at every month-end: one row per invoice and month-end at which it was open, with its open amount
 * (amount less payments, credit memos and write-offs dated on or before that day), days past due, aging bucket
 * and dispute state, plus where the same invoice stood one month later, which roll rates follow.
 */
public final class MonthEndBalances {

    private MonthEndBalances() {
    }

    /**
     * @param history      {@link InvoiceHistory} rows
     * @param lastMonthEnd the last month-end to report (on or before the as-of date)
     */
    public static Dataset<Row> invoiceMonths(Dataset<Row> history, LocalDate lastMonthEnd, AgingBuckets buckets) {
        Column last = lit(lastMonthEnd);
        Dataset<Row> spans = history.filter(col("invoice_date").leq(last))
                .withColumn("reduced_total", InvoiceHistory.reducedBy("date'9999-12-31'"))
                .withColumn("closed_on", when(col("reduced_total").geq(col("amount")),
                        expr("array_max(transform(" + InvoiceHistory.EVENTS + ", e -> e.date))")))
                .withColumn("first_month", expr("trunc(invoice_date, 'MM')"))
                .withColumn("months", expr("cast(months_between(trunc(least(coalesce(closed_on, date'"
                        + lastMonthEnd + "'), date'" + lastMonthEnd + "'), 'MM'), first_month) as int)"));
        Dataset<Row> months = spans
                .withColumn("i", expr("explode(sequence(0, months))"))
                .withColumn("month_end", expr("last_day(add_months(first_month, i))"))
                .withColumn("open", col("amount").minus(InvoiceHistory.reducedBy("month_end")))
                .filter(col("open").gt(0))
                .withColumn("days_past_due", datediff(col("month_end"), col("due_date")))
                .withColumn("bucket", buckets.index(col("days_past_due")))
                .withColumn("disputed", InvoiceHistory.disputedOn("month_end"))
                .withColumn("next_end", expr("last_day(add_months(month_end, 1))"));
        Column hasNext = col("next_end").leq(last);
        return months
                .withColumn("open_next", when(hasNext, expr("greatest(amount - " + InvoiceHistory.reducedSql("next_end") + ", 0)")))
                .withColumn("bucket_next", when(hasNext, buckets.index(datediff(col("next_end"), col("due_date")))))
                .withColumn("written_off_next", when(hasNext, expr(InvoiceHistory.reducedSql("next_end", "write_off") + " - "
                        + InvoiceHistory.reducedSql("month_end", "write_off"))))
                .drop("reduced_total", "closed_on", "first_month", "months", "i", "next_end",
                        InvoiceHistory.EVENTS, InvoiceHistory.DISPUTES);
    }
}
