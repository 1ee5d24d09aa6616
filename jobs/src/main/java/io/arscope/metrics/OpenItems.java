package io.arscope.metrics;

import io.arscope.ledger.AgingBuckets;
import io.arscope.ledger.InvoiceHistory;

import static io.arscope.job.Column.MONEY;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The open items as they stood at the end of an as-of date: invoices issued by then, less what was paid,
 * credited or written off by then, aged against their own due dates; and their roll-up per customer.
 */
public final class OpenItems {

    private OpenItems() {
    }

    /** One row per invoice open at {@code asOf}. */
    public static Dataset<Row> byInvoice(Dataset<Row> history, LocalDate asOf, AgingBuckets buckets,
            List<String> dimensions) {
        Column day = lit(asOf);
        List<Column> columns = new ArrayList<>(List.of(lit(asOf).as("as_of"), col("invoice_id"), col("customer_id")));
        dimensions.forEach(d -> columns.add(col(d)));
        columns.addAll(List.of(col("invoice_date"), col("due_date"), col("amount").as("invoice_amount"),
                col("open_amount"), col("days_past_due"), buckets.label(buckets.index(col("days_past_due")))
                        .as("bucket"), InvoiceHistory.disputedOn(day).as("disputed")));
        return history.filter(col("invoice_date").leq(day))
                .withColumn("open_amount", col("amount").minus(InvoiceHistory.reducedBy(day)).cast(MONEY))
                .filter(col("open_amount").gt(0))
                .withColumn("days_past_due", datediff(day, col("due_date")))
                .select(columns.toArray(Column[]::new));
    }

    /** Per customer: open amount by bucket, disputed amount, oldest days past due. */
    public static Dataset<Row> byCustomer(Dataset<Row> openItems, AgingBuckets buckets, List<String> dimensions) {
        List<Column> groupBy = new ArrayList<>(List.of(col("as_of"), col("customer_id")));
        dimensions.forEach(d -> groupBy.add(col(d)));
        List<Column> aggs = new ArrayList<>(List.of(sum("open_amount").cast(MONEY).as("open_amount"),
                org.apache.spark.sql.functions.count(lit(1)).as("open_invoices"),
                sum(when(col("disputed"), col("open_amount")).otherwise(0)).cast(MONEY).as("disputed_amount"),
                org.apache.spark.sql.functions.max("days_past_due").as("max_days_past_due")));
        for (String label : buckets.labels()) {
            aggs.add(sum(when(col("bucket").equalTo(label), col("open_amount")).otherwise(0)).cast(MONEY)
                    .as(AgingBuckets.column(label)));
        }
        // Dimensions of a customer are the same on all its invoices except business_unit; keep them per row.
        return openItems.groupBy(groupBy.toArray(Column[]::new))
                .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new))
                .orderBy(col("open_amount").desc(), col("customer_id"));
    }
}
