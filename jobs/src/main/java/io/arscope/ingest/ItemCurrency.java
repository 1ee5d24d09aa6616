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

import java.util.List;

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
        joined = withCustomerFacts(joined, invoices);
        Column applied = col("invoice_id").isNotNull();
        Column owed = col(ReferenceChecks.INVOICE_CURRENCY);
        Column mismatch = applied.and(col("currency").isNotNull()).and(owed.isNotNull())
                .and(col("currency").notEqual(owed));
        Column ambiguous = col("invoice_id").isNull().and(col("currency").isNull())
                .and(coalesce(size(col(BILLED_IN)), lit(0)).notEqual(1));
        Column billedIn = array_join(col(BILLED_IN), ", ");
        Dataset<Row> bad = joined.withColumn("code", when(mismatch, RejectReason.CURRENCY_MISMATCH.name())
                        .when(ambiguous, RejectReason.MISSING_FIELD.name()))
                .filter(col("code").isNotNull());
        Column reason = when(mismatch, concat(lit("currency "), col("currency"), lit(" is not invoice "),
                        col("invoice_id"), lit("'s currency "), owed))
                .otherwise(concat(lit("currency is required for " + item + " (no invoice_id) of customer "),
                        col("customer_id"), when(col(CUSTOMER).isNotNull(),
                                concat(lit(", who is billed in several currencies: "), billedIn))
                                .otherwise(concat(lit(", who has no invoice, while the invoices are in "),
                                        when(col("ic_ledger_count").equalTo(0), lit("none"))
                                                .otherwise(col("ic_ledger_currencies"))))));
        return ReferenceChecks.reject(bad, table, col("code"), lit("currency"), reason, 3);
    }

    /**
     * {@code rows} with {@code currency} filled by the rule above (the rows {@link #problems} finds are gone), and
     * an applied item's {@code customer_id}, when it names none, filled with its invoice's customer.
     */
    static Dataset<Row> fill(Dataset<Row> rows, Dataset<Row> invoices) {
        List<String> columns = List.of(rows.columns());
        Dataset<Row> owners = ReferenceChecks.invoiceFacts(invoices);
        return withCustomerFacts(rows.join(owners, col("invoice_id").equalTo(col(ReferenceChecks.INVOICE_ID)),
                "left_outer"), invoices)
                .withColumn("currency", coalesce(col("currency"), col(ReferenceChecks.INVOICE_CURRENCY),
                        when(size(col(BILLED_IN)).equalTo(1), col(BILLED_IN).getItem(0))))
                .select(columns.stream().map(c -> col(c)).toArray(Column[]::new));
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
