package io.arscope.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.arscope.model.CanonicalTable;

/**
 * The rules of an on-account item: a payment or credit memo that names no invoice belongs to its customer alone,
 * so it must name one (else {@link RejectReason#MISSING_FIELD}), and that customer must be among the accepted
 * customers (else {@link RejectReason#UNKNOWN_CUSTOMER}). A write-off always names its invoice: it writes off a
 * debt, and every debt in the model is an invoice.
 */
final class OnAccountRule {

    private OnAccountRule() {
    }

    /** Whether rows of {@code table} may name no invoice. */
    static boolean applies(CanonicalTable table) {
        return table == CanonicalTable.PAYMENTS || table == CanonicalTable.ADJUSTMENTS;
    }

    /** Checks one typed record of a table the rule {@link #applies} to; throws its problem. */
    static void check(CanonicalTable table, Object[] record) {
        if (record[table.indexOf("invoice_id")] != null) {
            return;
        }
        String what = "an on-account payment";
        if (table == CanonicalTable.ADJUSTMENTS) {
            if ("write_off".equals(record[table.indexOf("kind")])) {
                throw new FieldProblem(RejectReason.MISSING_FIELD, "invoice_id",
                        "invoice_id is required for a write_off: only a credit memo can be on account");
            }
            what = "an on-account credit memo";
        }
        if (record[table.indexOf("customer_id")] == null) {
            throw new FieldProblem(RejectReason.MISSING_FIELD, "customer_id",
                    "customer_id is required when invoice_id is empty (" + what + ")");
        }
    }

    /**
     * Rejects of the on-account records among {@code records} whose customer is not among {@code customerIds}
     * (one column, {@code customer_id}).
     */
    static Dataset<Row> unknownCustomers(Dataset<Row> records, CanonicalTable table, Dataset<Row> customerIds) {
        Dataset<Row> known = customerIds.select(col("customer_id").as("known_customer"));
        Dataset<Row> unknown = records.filter(col("invoice_id").isNull())
                .join(known, col("customer_id").equalTo(col("known_customer")), "left_anti");
        return ReferenceChecks.reject(unknown, table, lit(RejectReason.UNKNOWN_CUSTOMER.name()), lit("customer_id"),
                concat(lit("customer_id "), col("customer_id"),
                        lit(" of an on-account " + (table == CanonicalTable.PAYMENTS ? "payment" : "credit memo")
                                + " (no invoice_id) is not among the accepted customers")), 3);
    }
}
