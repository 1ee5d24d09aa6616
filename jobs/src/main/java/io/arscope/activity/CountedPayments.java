package io.arscope.activity;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.split;

import java.util.List;
import java.util.regex.Pattern;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.arscope.model.CanonicalTable;

/**
 * Which payments count towards a promise or a plan: the customer's own, applied to one of the invoices it lists
 * (any of the customer's, on account included, when it lists none), in its currency when it names one. Payments
 * are prefixed {@code pay_} so they join beside the promise or plan without clashing.
 */
final class CountedPayments {

    private CountedPayments() {
    }

    /**
     * The ledger's payments with their customer and currency filled from their invoice: {@code pay_invoice},
     * {@code pay_customer}, {@code pay_date}, {@code pay_amount}, {@code pay_currency}; none when there are no
     * {@code claims} (the promises or plan instalments they would count for).
     */
    static Dataset<Row> of(Dataset<Row> claims, Dataset<Row> payments, Dataset<Row> invoices) {
        Dataset<Row> counted = all(payments, invoices);
        // Most ledgers come without collection activity: with no promise or plan to count them for, the payments
        // are not joined to their invoices, which would shuffle the whole ledger to find nothing. An empty frame
        // lets Spark drop the join altogether.
        return claims.isEmpty() ? claims.sparkSession().createDataFrame(List.of(), counted.schema()) : counted;
    }

    private static Dataset<Row> all(Dataset<Row> payments, Dataset<Row> invoices) {
        Dataset<Row> owners = invoices.select(col("invoice_id").as("owner_invoice"),
                col("customer_id").as("owner"), col("currency").as("owner_currency"));
        return payments.join(owners, col("invoice_id").equalTo(col("owner_invoice")), "left_outer")
                .select(col("invoice_id").as("pay_invoice"), coalesce(col("owner"), col("customer_id"))
                                .as("pay_customer"), col("payment_date").as("pay_date"), col("amount").as("pay_amount"),
                        coalesce(col("currency"), col("owner_currency")).as("pay_currency"));
    }

    /** Whether a payment row of {@link #of} counts for the promise or plan row beside it. */
    static Column countsFor() {
        Column listed = split(col("invoice_ids"), Pattern.quote(CanonicalTable.INVOICE_ID_SEPARATOR));
        return col("pay_customer").equalTo(col("customer_id"))
                .and(col("invoice_ids").isNull().or(array_contains(listed, col("pay_invoice"))))
                .and(col("currency").isNull().or(col("pay_currency").equalTo(col("currency"))));
    }
}
