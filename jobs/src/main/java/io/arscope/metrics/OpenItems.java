package io.arscope.metrics;

import io.arscope.ledger.AgingBuckets;
import io.arscope.ledger.InvoiceHistory;
import io.arscope.ledger.OnAccountItems;

import static io.arscope.job.Column.MONEY;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The open items as they stood at the end of an as-of date: invoices issued by then, less what was paid,
 * credited or written off by then, aged against their own due dates; and their roll-up per customer, beside the
 * customer's on-account items.
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

    /**
     * Per customer: open amount by bucket, on-account items and the net, disputed amount, oldest days past due. A
     * customer with on-account items and nothing open has a row with zero open.
     *
     * @param onAccount  {@link OnAccountItems} with at least {@code dimensions}
     * @param dimensions customer columns only: an item has no invoice columns
     */
    public static Dataset<Row> byCustomer(Dataset<Row> openItems, Dataset<Row> onAccount, LocalDate asOf,
            AgingBuckets buckets, List<String> dimensions) {
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
        Dataset<Row> invoices = openItems.groupBy(groupBy.toArray(Column[]::new))
                .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).drop("as_of");
        List<Column> itemKeys = new ArrayList<>(List.of(col(OnAccountItems.CUSTOMER_ID)));
        dimensions.forEach(d -> itemKeys.add(col(d)));
        Dataset<Row> items = onAccount.filter(col(OnAccountItems.DATE).leq(lit(asOf)))
                .groupBy(itemKeys.toArray(Column[]::new))
                .agg(sum(OnAccountItems.AMOUNT).cast(MONEY).as(OnAccountItems.BALANCE));
        List<String> keys = new ArrayList<>(List.of("customer_id"));
        keys.addAll(dimensions);
        Column zero = lit(BigDecimal.ZERO).cast(MONEY);
        List<Column> out = new ArrayList<>(List.of(lit(asOf).as("as_of"), col("customer_id")));
        dimensions.forEach(d -> out.add(col(d)));
        out.addAll(List.of(coalesce(col("open_amount"), zero).as("open_amount"),
                coalesce(col(OnAccountItems.BALANCE), zero).as(OnAccountItems.BALANCE),
                coalesce(col("open_amount"), zero).minus(coalesce(col(OnAccountItems.BALANCE), zero)).cast(MONEY)
                        .as("net_amount"),
                coalesce(col("open_invoices"), lit(0L)).as("open_invoices"),
                coalesce(col("disputed_amount"), zero).as("disputed_amount"), col("max_days_past_due")));
        buckets.labels().forEach(l -> out.add(coalesce(col(AgingBuckets.column(l)), zero).as(AgingBuckets.column(l))));
        return invoices.join(items, scala.collection.JavaConverters.asScalaBuffer(keys).toSeq(), "full_outer")
                .select(out.toArray(Column[]::new))
                .orderBy(col("open_amount").desc(), col("customer_id"));
    }
}
