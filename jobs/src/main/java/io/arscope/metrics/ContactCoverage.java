package io.arscope.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How much of the overdue balance collectors have been in touch about. At each month-end, an invoice past its due
 * date with an open amount is covered when its customer had a contact of any channel or outcome in the
 * {@value #WINDOW_DAYS} days ending that day. Coverage is by customer: a call about one invoice, or about the
 * balance, is a conversation about the account.
 */
public final class ContactCoverage {

    /** The days before a month-end, that day included, in which a contact covers the customer's overdue items. */
    public static final int WINDOW_DAYS = 30;

    private ContactCoverage() {
    }

    /**
     * One row per invoice past due and open at a month-end: month_end, the dimensions, overdue_ar (its open amount)
     * and contacted_overdue_ar (the same when it is covered, else 0).
     *
     * @param openMonthEnds month_end, invoice_id, customer_id, open, days_past_due and the dimensions of every invoice
     *                      open at a month-end
     * @param contacts      the canonical contacts
     */
    public static Dataset<Row> overdue(Dataset<Row> openMonthEnds, Dataset<Row> contacts, List<String> dims) {
        Column lastCovered = date_add(col("contact_date"), WINDOW_DAYS - 1);
        // The month-ends a contact covers: those from its day to the last day of its window.
        Dataset<Row> covered = contacts
                .withColumn("covered_end", explode(sequence(trunc(col("contact_date"), "month"),
                        trunc(lastCovered, "month"), expr("interval 1 month"))))
                .withColumn("covered_end", last_day(col("covered_end")))
                .filter(col("covered_end").leq(lastCovered))
                .select(col("customer_id").as("covered_customer"), col("covered_end")).distinct();
        List<Column> out = new ArrayList<>(List.of(col("month_end")));
        dims.forEach(d -> out.add(col(d)));
        out.add(col("open").as("overdue_ar"));
        out.add(when(col("covered_customer").isNotNull(), col("open")).otherwise(lit(0).cast("decimal(18,2)"))
                .as("contacted_overdue_ar"));
        return openMonthEnds.filter(col("days_past_due").gt(0))
                .join(covered, col("customer_id").equalTo(col("covered_customer"))
                        .and(col("month_end").equalTo(col("covered_end"))), "left_outer")
                .select(out.toArray(Column[]::new));
    }
}
