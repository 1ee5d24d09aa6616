package io.arscope.metrics;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.arscope.ledger.InvoiceHistory;
import io.arscope.ledger.ReportingCurrency;
import io.arscope.model.CanonicalTable;

/**
 * The slice of a promise or plan instalment: it is the customer's, so customer dimensions (its collector among
 * them) come from the customer, and invoice dimensions from the first invoice it lists, {@link InvoiceHistory#NONE}
 * when it lists none; the collector who took a promise does not slice it, so that a promise and the overdue balance
 * it is about fall in the same collector's slice. Also the currency its amount is in: its own, else its first
 * listed invoice's, else that of the customer's first invoice by id.
 */
final class ActivitySlices {

    /** The column holding the currency of the row's amount. */
    static final String AMOUNT_CURRENCY = "amount_currency";

    private ActivitySlices() {
    }

    /**
     * {@code judged} rows (customer_id, invoice_ids, currency) with a text column per dimension and
     * {@link #AMOUNT_CURRENCY}.
     */
    static Dataset<Row> attach(Dataset<Row> judged, Dataset<Row> customers, Dataset<Row> invoices,
            List<String> dims) {
        // Held: read three times below, and judging a promise or plan joins the ledger's payments.
        Dataset<Row> rows = judged.localCheckpoint();
        List<String> invoiceColumns = List.of(invoices.columns());
        List<Column> customerSelect = new ArrayList<>(List.of(col("customer_id").as("slice_customer")));
        List<Column> invoiceSelect = new ArrayList<>(List.of(col("invoice_id").as("slice_invoice"),
                col("currency").as("slice_invoice_currency")));
        for (String d : dims) {
            (invoiceColumns.contains(d) ? invoiceSelect : customerSelect).add(col(d));
        }
        Column firstListed = split(col("invoice_ids"), Pattern.quote(CanonicalTable.INVOICE_ID_SEPARATOR))
                .getItem(0);
        // Only the invoices the rows can reach are read further: the promises and plans are a few beside the
        // ledger, which would otherwise be grouped and shuffled whole for them (and for none, in most ledgers).
        Dataset<Row> named = broadcast(rows.select(col("customer_id").as("named_customer")).distinct());
        Dataset<Row> listed = broadcast(rows.select(firstListed.as("listed_invoice")).distinct());
        Dataset<Row> customerCurrency = invoices
                .join(named, col("customer_id").equalTo(col("named_customer")), "left_semi")
                .groupBy(col("customer_id").as("billed_customer"))
                .agg(min(struct(col("invoice_id"), col("currency")))
                        .getField("currency").as("billed_currency"));
        Dataset<Row> sliced = rows.drop(dims.toArray(String[]::new))
                .join(customers.select(customerSelect.toArray(Column[]::new)),
                        col("customer_id").equalTo(col("slice_customer")), "left_outer")
                .join(invoices.join(listed, col("invoice_id").equalTo(col("listed_invoice")), "left_semi")
                        .select(invoiceSelect.toArray(Column[]::new)),
                        firstListed.equalTo(col("slice_invoice")), "left_outer")
                .join(customerCurrency, col("customer_id").equalTo(col("billed_customer")), "left_outer")
                .withColumn(AMOUNT_CURRENCY, coalesce(col("currency"), col("slice_invoice_currency"),
                        col("billed_currency")));
        for (String d : dims) {
            sliced = sliced.withColumn(d, InvoiceHistory.dimensionText(d));
        }
        return sliced.drop("slice_customer", "slice_invoice", "slice_invoice_currency", "billed_customer",
                "billed_currency");
    }

    /**
     * {@code amount} of a row of {@link #attach} in the reporting currency at {@code day}'s rate; a customer with no
     * invoice to take a currency from is billed in the reporting currency.
     */
    static Column inReporting(ReportingCurrency money, Column amount, Column day) {
        return money.convert(amount, coalesce(col(AMOUNT_CURRENCY), lit(money.code())), day);
    }
}
