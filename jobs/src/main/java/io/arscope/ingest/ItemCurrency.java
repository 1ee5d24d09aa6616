package io.arscope.ingest;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.arscope.model.CanonicalTable;

/**
 * The currency of a payment or adjustment. One applied to an invoice is in the invoice's currency: a
 * {@code currency} given that differs is {@link RejectReason#CURRENCY_MISMATCH} (its amount cannot reduce the
 * invoice without a rate of the day nobody gave). One on account is in the currency given, else in the one currency
 * its customer is billed in, else, for a customer with no invoice, in the ledger's one currency; when that leaves
 * several (a customer billed in EUR and USD) the item names its currency or is {@link RejectReason#MISSING_FIELD}:
 * its amount would mean nothing. Ingest writes the currency so found on every accepted payment and adjustment.
 */
final class ItemCurrency {

    private static final String CUSTOMER = "ic_customer";
    private static final String BILLED_IN = "ic_billed_in";

    private ItemCurrency() {
    }

    /**
     * The rejects of payments or adjustments, by the rule above, given the accepted invoices.
     *
     * @param joined the records, each joined to its accepted invoice's {@link ReferenceChecks#invoiceFacts} (null
     *               when it names none or one not accepted)
     */
    static Dataset<Row> problems(Dataset<Row> joined, CanonicalTable table, Dataset<Row> invoices) {
        String item = "an on-account " + (table == CanonicalTable.PAYMENTS ? "payment" : "credit memo");
        Column owed = col(ReferenceChecks.INVOICE_CURRENCY);
        Column mismatch = col("invoice_id").isNotNull().and(col("currency").isNotNull()).and(owed.isNotNull())
                .and(col("currency").notEqual(owed));
        Dataset<Row> mismatched = joined.filter(mismatch);
        // Only an item on account without a currency asks what its customer is billed in: those are few, and the
        // customers' currencies are joined to them alone rather than to every payment.
        Dataset<Row> unnamed = withCustomerFacts(joined.filter(col("invoice_id").isNull()
                .and(col("currency").isNull())), invoices)
                .filter(coalesce(size(col(BILLED_IN)), lit(0)).notEqual(1));
        Column billedIn = array_join(col(BILLED_IN), ", ");
        Column reason = concat(lit("currency is required for " + item + " (no invoice_id) of customer "),
                col("customer_id"), when(col(CUSTOMER).isNotNull(),
                        concat(lit(", who is billed in several currencies: "), billedIn))
                        .otherwise(concat(lit(", who has no accepted invoice, while the accepted invoices are in "),
                                when(col("ic_ledger_count").equalTo(0), lit("none"))
                                        .otherwise(col("ic_ledger_currencies")))));
        return ReferenceChecks.reject(mismatched, table, lit(RejectReason.CURRENCY_MISMATCH.name()), lit("currency"),
                        concat(lit("currency "), col("currency"), lit(" is not invoice "), col("invoice_id"),
                                lit("'s currency "), owed), 3)
                .unionByName(ReferenceChecks.reject(unnamed, table, lit(RejectReason.MISSING_FIELD.name()),
                        lit("currency"), reason, 3));
    }

    /** {@link #fillJoined} of records not yet joined to their invoices. */
    static Dataset<Row> fill(Dataset<Row> rows, Dataset<Row> invoices) {
        return fillJoined(ReferenceChecks.withInvoiceFacts(rows, invoices), invoices);
    }

    /**
     * Records with {@code currency} filled by the rule above (the rows {@link #problems} finds are gone), and an
     * applied item's {@code customer_id}, when it names none, filled with its invoice's customer.
     *
     * @param joined the records, each joined to its invoice's {@link ReferenceChecks#invoiceFacts} among
     *               {@code invoices} (null on account); the result has the records' own columns
     */
    static Dataset<Row> fillJoined(Dataset<Row> joined, Dataset<Row> invoices) {
        Column[] columns = java.util.Arrays.stream(joined.columns())
                .filter(c -> !c.equals(ReferenceChecks.INVOICE_ID) && !c.equals(ReferenceChecks.INVOICE_CUSTOMER)
                        && !c.equals(ReferenceChecks.INVOICE_DATE) && !c.equals(ReferenceChecks.INVOICE_CURRENCY))
                .map(c -> col(c)).toArray(Column[]::new);
        // An item that names an invoice is in its currency (one it does not find is rejected as unknown, so its
        // currency matters to no one); only the few items on account without a currency ask what their customer
        // is billed in, and they alone are joined to the customers' currencies, not every payment.
        Dataset<Row> applied = joined.filter(col("invoice_id").isNotNull())
                .withColumn("customer_id", coalesce(col("customer_id"), col(ReferenceChecks.INVOICE_CUSTOMER)))
                .withColumn("currency", coalesce(col("currency"), col(ReferenceChecks.INVOICE_CURRENCY)));
        Dataset<Row> onAccount = joined.filter(col("invoice_id").isNull());
        Dataset<Row> unnamed = withCustomerFacts(onAccount.filter(col("currency").isNull()), invoices)
                .withColumn("currency", when(size(col(BILLED_IN)).equalTo(1), col(BILLED_IN).getItem(0)));
        return applied.select(columns).unionByName(onAccount.filter(col("currency").isNotNull()).select(columns))
                .unionByName(unnamed.select(columns));
    }

    /**
     * {@code joined} (rows joined to their invoice's facts) with their customer (their invoice's when they name none)
     * and the sorted currencies that customer is billed in: for a customer with no invoice ({@code CUSTOMER} empty),
     * every currency of the invoices, with their count and list as text.
     */
    private static Dataset<Row> withCustomerFacts(Dataset<Row> joined, Dataset<Row> invoices) {
        Dataset<Row> billed = invoices.groupBy(col("customer_id").as(CUSTOMER))
                .agg(sort_array(collect_set(col("currency"))).as(BILLED_IN));
        Dataset<Row> ledger = invoices.agg(sort_array(collect_set(col("currency"))).as("ic_ledger"));
        return joined.withColumn("customer_id", coalesce(col("customer_id"), col(ReferenceChecks.INVOICE_CUSTOMER)))
                .join(billed, col("customer_id").equalTo(col(CUSTOMER)), "left_outer")
                .crossJoin(ledger)
                .withColumn("ic_ledger_count", size(col("ic_ledger")))
                .withColumn("ic_ledger_currencies", array_join(col("ic_ledger"), ", "))
                .withColumn(BILLED_IN, coalesce(col(BILLED_IN), col("ic_ledger")));
    }
}
