package io.arscope.ingest;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a lake already holds that the rows of a daily export may name: its customers, its invoices (the facts a
 * payment, credit memo or dispute is checked against) and its exchange rates. A payment today of an invoice loaded
 * last month is then no orphan. {@link #NONE} for an export ingested on its own, which must hold all it names.
 *
 * @param customerIds {@code customer_id}
 * @param invoices    {@code invoice_id}, {@code customer_id}, {@code invoice_date}, {@code currency}
 * @param rates       {@code currency}, {@code rate_date}
 */
public record KnownRecords(Dataset<Row> customerIds, Dataset<Row> invoices, Dataset<Row> rates) {

    /** Nothing known beyond the export. */
    public static final KnownRecords NONE = new KnownRecords(null, null, null);

    /** The columns of {@link #invoices}, all a reference check reads of an invoice. */
    static final String[] INVOICE_COLUMNS = {"invoice_id", "customer_id", "invoice_date", "currency"};

    /** Whether anything is known beyond the export. */
    public boolean any() {
        return invoices != null;
    }

    /**
     * The invoices records may name: the export's accepted ones, and the known ones the export does not replace
     * (an export's invoice that is rejected leaves the known one in force, so it is not among {@code accepted}).
     * Without known records, {@code accepted} as it is.
     */
    Dataset<Row> referable(Dataset<Row> accepted) {
        if (!any()) {
            return accepted;
        }
        Dataset<Row> own = accepted.select(columns());
        return own.unionByName(invoices.select(columns()).join(own.select("invoice_id"),
                invoices.col("invoice_id").equalTo(own.col("invoice_id")), "left_anti")).localCheckpoint();
    }

    /** {@code ids} (one column, {@code customer_id}) and the known customers'. */
    Dataset<Row> withCustomerIds(Dataset<Row> ids) {
        return any() ? ids.union(customerIds.select("customer_id")).distinct() : ids;
    }

    /** {@code ids} (one column, {@code invoice_id}) and the known invoices'. */
    Dataset<Row> withInvoiceIds(Dataset<Row> ids) {
        return any() ? ids.union(invoices.select("invoice_id")).distinct() : ids;
    }

    /** The export's exchange rates' currencies and dates, and the known ones'. */
    Dataset<Row> withRates(Dataset<Row> exported) {
        Dataset<Row> own = exported.select("currency", "rate_date");
        return any() ? own.union(rates.select("currency", "rate_date")) : own;
    }

    private static org.apache.spark.sql.Column[] columns() {
        return java.util.Arrays.stream(INVOICE_COLUMNS).map(c -> col(c)).toArray(org.apache.spark.sql.Column[]::new);
    }
}
