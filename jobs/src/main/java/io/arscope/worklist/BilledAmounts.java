package io.arscope.worklist;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.arscope.ledger.AgingBuckets;
import io.arscope.ledger.InvoiceHistory;
import io.arscope.ledger.ReceivablesLedger;
import io.arscope.metrics.OpenItems;

/**
 * A worklist row's amounts as the customer was billed them. Converted into the reporting currency, a EUR customer's
 * GBP 16,309.74 is no figure its collector can quote: the customer owes EUR 18,964.82. A row whose open invoices are
 * all billed in one currency other than the row's gets that currency and their open and overdue amounts in it, as
 * the ledger holds them at the end of the day; a row of invoices in several currencies, or in the row's own, gets
 * none.
 */
final class BilledAmounts {

    private static final String INVOICE = "b_invoice_id";
    private static final String CURRENCY = "b_currency";
    private static final String OPEN = "b_open";

    private BilledAmounts() {
    }

    /**
     * Each invoice open at the end of {@code day} with its currency and open amount as stored.
     *
     * @param cut the ledger cut at {@code day}, in its own currencies
     */
    static Dataset<Row> ofInvoices(ReceivablesLedger cut, LocalDate day) {
        return OpenItems.byInvoice(InvoiceHistory.of(cut, List.of(), List.of("currency")), day, AgingBuckets.DEFAULT,
                List.of("currency")).select(col("invoice_id").as(INVOICE), col("currency").as(CURRENCY),
                        col("open_amount").as(OPEN));
    }

    /**
     * {@code customers} with {@link WorklistTables#BILLED_CURRENCY}, {@link WorklistTables#BILLED_OPEN_AMOUNT} and
     * {@link WorklistTables#BILLED_OVERDUE_AMOUNT}, from the rows' {@code invoices} and what each is as billed.
     *
     * @param billed {@link #ofInvoices}; null when nothing is converted, which leaves the three columns empty
     */
    static Dataset<Row> onRows(Dataset<Row> customers, Dataset<Row> invoices, Dataset<Row> billed) {
        Column none = lit(null);
        if (billed == null) {
            return customers.withColumn(WorklistTables.BILLED_CURRENCY.name(), none.cast("string"))
                    .withColumn(WorklistTables.BILLED_OPEN_AMOUNT.name(), none.cast(io.arscope.job.Column.MONEY))
                    .withColumn(WorklistTables.BILLED_OVERDUE_AMOUNT.name(), none.cast(io.arscope.job.Column.MONEY));
        }
        Column open = col(OPEN);
        Dataset<Row> rows = invoices.join(billed, col("invoice_id").equalTo(col(INVOICE)))
                .groupBy(col("collector").as("b_collector"), col("queue").as("b_queue"),
                        col("customer_id").as("b_customer"), col("currency").as("b_row_currency"))
                .agg(countDistinct(col(CURRENCY)).as("b_currencies"), first(col(CURRENCY)).as("b_billed"),
                        sum(open).as("b_open_sum"),
                        sum(when(col("days_past_due").gt(0), open).otherwise(lit(BigDecimal.ZERO))).as("b_overdue"));
        Column shown = col("b_currencies").equalTo(1).and(col("b_billed").notEqual(col("b_row_currency")));
        return customers.join(rows, col("collector").equalTo(col("b_collector"))
                        .and(col("queue").equalTo(col("b_queue"))).and(col("customer_id").equalTo(col("b_customer")))
                        .and(col("currency").equalTo(col("b_row_currency"))), "left")
                .withColumn(WorklistTables.BILLED_CURRENCY.name(), when(shown, col("b_billed")))
                .withColumn(WorklistTables.BILLED_OPEN_AMOUNT.name(), when(shown, col("b_open_sum"))
                        .cast(io.arscope.job.Column.MONEY))
                .withColumn(WorklistTables.BILLED_OVERDUE_AMOUNT.name(), when(shown, col("b_overdue"))
                        .cast(io.arscope.job.Column.MONEY))
                .drop("b_collector", "b_queue", "b_customer", "b_row_currency", "b_currencies", "b_billed",
                        "b_open_sum", "b_overdue");
    }
    /**
     * " (EUR 18,964.82 as billed)" after a row's converted open amount, or its overdue amount with {@code overdue};
     * empty for a row with no billed amounts.
     */
    static String asBilled(Row r, boolean overdue) {
        // Rows built without them (a worklist's own tests, a table written before them) have nothing to show.
        if (r.schema() == null || !java.util.Arrays.asList(r.schema().fieldNames())
                .contains(WorklistTables.BILLED_CURRENCY.name())) {
            return "";
        }
        String currency = WorklistTables.BILLED_CURRENCY.of(r);
        BigDecimal amount = overdue ? WorklistTables.BILLED_OVERDUE_AMOUNT.of(r)
                : WorklistTables.BILLED_OPEN_AMOUNT.of(r);
        return currency == null || amount == null ? ""
                : " (" + io.arscope.risk.InvoiceCurrency.shown(amount, currency) + " as billed)";
    }
}
