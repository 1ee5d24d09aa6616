package io.arscope.activity;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import io.arscope.ledger.InvoiceHistory;
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

    /**
     * {@code claims} with a column {@code paid} (DECIMAL(18,2), 0.00 when nothing counted): what the payments that
     * stand at the as-of day ({@link InvoiceHistory#standing}) and are dated from the claim's column {@code from} to
     * its column {@code until} paid towards each claim, a claim being the row its {@code keys} name. A payment that
     * bounced after a promise's window, or an instalment's, kept nothing. A reversal takes back the latest payments
     * of its invoice first, whenever they were made, so every payment the claim could count by the as-of day is
     * walked, not only those of its window.
     *
     * @param counted {@link #of}'s payments, dated by the as-of day
     */
    static Dataset<Row> withPaid(Dataset<Row> claims, Dataset<Row> counted, List<String> keys, String from,
            String until, String paid) {
        List<Column> perInvoice = new ArrayList<>(List.of(col(from), col(until), col("pay_invoice")));
        List<Column> perClaim = new ArrayList<>();
        for (String k : keys) {
            perInvoice.add(col(k));
            perClaim.add(col(k).as("s_" + k));
        }
        Dataset<Row> stood = claims.join(counted, countsFor()).groupBy(perInvoice.toArray(Column[]::new))
                .agg(InvoiceHistory.standing(collect_list(struct(col("pay_date").as("date"),
                        col("pay_amount").as("amount")))).as("stood"))
                .withColumn("p", explode(col("stood")))
                .filter(col("p.date").geq(col(from)).and(col("p.date").leq(col(until))))
                .groupBy(perClaim.toArray(Column[]::new)).agg(sum(col("p.amount")).as("stood_amount"));
        Column same = keys.stream().map(k -> col(k).equalTo(col("s_" + k))).reduce(Column::and).orElseThrow();
        List<Column> out = new ArrayList<>();
        for (String c : claims.columns()) {
            out.add(claims.col(c));
        }
        out.add(coalesce(col("stood_amount"), lit(0)).cast(DataTypes.createDecimalType(18, 2)).as(paid));
        return claims.join(stood, same, "left_outer").select(out.toArray(Column[]::new));
    }

    /** Whether a payment row of {@link #of} counts for the promise or plan row beside it. */
    static Column countsFor() {
        Column listed = split(col("invoice_ids"), Pattern.quote(CanonicalTable.INVOICE_ID_SEPARATOR));
        return col("pay_customer").equalTo(col("customer_id"))
                .and(col("invoice_ids").isNull().or(array_contains(listed, col("pay_invoice"))))
                .and(col("currency").isNull().or(col("pay_currency").equalTo(col("currency"))));
    }
}
