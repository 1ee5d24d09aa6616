package io.arscope.ledger;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What the oddities ingest accepts with a flag mean for analysis, in this one place: the canonical tables keep the
 * dates and customers as the export gave them, and every analysis reads them through here.
 * <ul>
 * <li>An invoice due before it was issued ({@code DUE_BEFORE_ISSUE}) is due on its issue date, so it is overdue from
 * the day after; terms read off such dates (negative) are 0 days.</li>
 * <li>A payment, credit memo or write-off dated before its invoice ({@code BEFORE_INVOICE}) counts on the invoice
 * date: a prepayment that settles the invoice as it is issued, with 0 days to pay. Until then it is in no balance,
 * so the ledger as of a day before the invoice holds neither. A dispute opened or resolved before its invoice is
 * opened or resolved on the invoice date.</li>
 * <li>A payment or credit memo that names a customer other than its invoice's ({@code CUSTOMER_MISMATCH}) settles
 * the invoice it names, so it counts for the invoice's customer.</li>
 * </ul>
 * Rows with no invoice among the invoices keep their own dates and customer.
 */
public final class EffectiveDates {

    private EffectiveDates() {
    }

    /** The ledger with the dates and customers analysis counts by. */
    public static ReceivablesLedger of(ReceivablesLedger raw) {
        Dataset<Row> invoices = raw.invoices()
                .withColumn("due_date", greatest(col("due_date"), col("invoice_date")))
                .withColumn("terms_days", when(col("terms_days").lt(0), lit(0)).otherwise(col("terms_days")));
        Dataset<Row> facts = raw.invoices().select(col("invoice_id").as("of_invoice"),
                col("invoice_date").as("issued"), col("customer_id").as("billed"));
        Dataset<Row> payments = onInvoice(raw.payments(), facts)
                .withColumn("payment_date", notBeforeIssue(col("payment_date")))
                .withColumn("customer_id", coalesce(col("billed"), col("customer_id")));
        Dataset<Row> adjustments = onInvoice(raw.adjustments(), facts)
                .withColumn("adjustment_date", notBeforeIssue(col("adjustment_date")))
                .withColumn("customer_id", coalesce(col("billed"), col("customer_id")));
        Dataset<Row> disputes = onInvoice(raw.disputes(), facts)
                .withColumn("opened_date", notBeforeIssue(col("opened_date")))
                .withColumn("resolved_date", notBeforeIssue(col("resolved_date")));
        return new ReceivablesLedger(raw.customers(), invoices, columnsOf(payments, raw.payments()),
                columnsOf(adjustments, raw.adjustments()), columnsOf(disputes, raw.disputes()));
    }

    private static Dataset<Row> onInvoice(Dataset<Row> rows, Dataset<Row> facts) {
        return rows.join(facts, col("invoice_id").equalTo(col("of_invoice")), "left_outer");
    }

    /** The later of a date and its invoice's issue date; an empty date stays empty, as a date with no invoice stays. */
    private static Column notBeforeIssue(Column date) {
        return when(date.isNull(), date).otherwise(greatest(date, col("issued")));
    }

    private static Dataset<Row> columnsOf(Dataset<Row> rows, Dataset<Row> original) {
        return rows.select(Arrays.stream(original.columns()).map(c -> col(c)).toArray(Column[]::new));
    }
}
