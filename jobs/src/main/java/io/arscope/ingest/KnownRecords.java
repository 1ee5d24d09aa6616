package io.arscope.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.split;

import java.util.Map;
import java.util.regex.Pattern;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.arscope.model.CanonicalTable;

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

    /**
     * The known records the export's records can reach: the invoices they name by id (in {@code invoice_id} or a
     * listing's {@code invoice_ids}), every invoice of the customers they name (an on-account item's currency comes
     * from its customer's invoices), one invoice per currency (an item of a customer with no invoice is checked
     * against the ledger's currencies), and the customers they name. Every rule reads the known records only
     * through these, so the checks find what they would on the whole lake, without joining a history of millions
     * of invoices to a day's export in every round.
     *
     * @param records the export's records per table, with their canonical columns
     */
    KnownRecords reachableFrom(Map<CanonicalTable, Dataset<Row>> records) {
        if (!any()) {
            return this;
        }
        Dataset<Row> namedInvoices = null;
        Dataset<Row> namedCustomers = null;
        for (Map.Entry<CanonicalTable, Dataset<Row>> e : records.entrySet()) {
            CanonicalTable table = e.getKey();
            Dataset<Row> rows = e.getValue();
            if (table.field("invoice_id").isPresent()) {
                namedInvoices = union(namedInvoices, rows.select(col("invoice_id")));
            }
            if (table.field(InvoiceIdList.FIELD).isPresent()) {
                namedInvoices = union(namedInvoices, rows.select(explode(split(col(InvoiceIdList.FIELD),
                        Pattern.quote(CanonicalTable.INVOICE_ID_SEPARATOR))).as("invoice_id")));
            }
            if (table.field("customer_id").isPresent()) {
                namedCustomers = union(namedCustomers, rows.select(col("customer_id")));
            }
        }
        Dataset<Row> onePerCurrency = invoices.groupBy(col("currency")).agg(min(col("invoice_id")).as("invoice_id"))
                .select("invoice_id");
        Dataset<Row> invoiceIds = ReferenceChecks.joinable(namedInvoices.filter(col("invoice_id").isNotNull())
                .union(onePerCurrency).distinct().localCheckpoint());
        Dataset<Row> ids = ReferenceChecks.joinable(namedCustomers.filter(col("customer_id").isNotNull()).distinct()
                .localCheckpoint());
        Dataset<Row> reachable = invoices.join(invoiceIds, ReferenceChecks.seq("invoice_id"), "left_semi")
                .union(invoices.join(ids, ReferenceChecks.seq("customer_id"), "left_semi")).distinct();
        return new KnownRecords(customerIds.join(ids, ReferenceChecks.seq("customer_id"), "left_semi")
                .localCheckpoint(), reachable.localCheckpoint(), rates);
    }

    private static Dataset<Row> union(Dataset<Row> all, Dataset<Row> more) {
        return all == null ? more : all.union(more);
    }

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
