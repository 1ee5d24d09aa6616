package io.arscope.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import java.util.regex.Pattern;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.arscope.model.CanonicalTable;

/**
 * The references of collection-activity records: a contact, promise to pay or plan instalment belongs to a
 * customer, who must be among the accepted customers ({@link RejectReason#UNKNOWN_CUSTOMER}); the invoices a promise
 * or plan lists must each be an accepted invoice ({@link RejectReason#UNKNOWN_INVOICE},
 * {@link RejectReason#REJECTED_INVOICE}) of that customer ({@link RejectReason#CUSTOMER_MISMATCH}, flaggable: the
 * promise still counts its own customer's payments). A contact's one invoice is checked as a payment's is.
 */
final class ActivityReferences {

    /** The activity tables, each with its customer. */
    static final List<CanonicalTable> TABLES = List.of(CanonicalTable.CONTACTS, CanonicalTable.PROMISES,
            CanonicalTable.PLAN_INSTALMENTS);
    /** The activity tables that list invoices. */
    static final List<CanonicalTable> LISTING = List.of(CanonicalTable.PROMISES,
            CanonicalTable.PLAN_INSTALMENTS);

    private ActivityReferences() {
    }

    /** Rejects of {@code table}'s records whose customer is not among {@code customerIds} ({@code customer_id}). */
    static Dataset<Row> unknownCustomers(Dataset<Row> records, CanonicalTable table, Dataset<Row> customerIds) {
        Dataset<Row> known = customerIds.select(col("customer_id").as("known_customer"));
        Dataset<Row> unknown = records.join(known, col("customer_id").equalTo(col("known_customer")), "left_anti");
        return ReferenceChecks.reject(unknown, table, lit(RejectReason.UNKNOWN_CUSTOMER.name()), lit("customer_id"),
                concat(lit("customer_id "), col("customer_id"), lit(" is not among the accepted customers")), 3);
    }

    /**
     * The problems of the invoices {@code table}'s records list, one per record and listed invoice, with the
     * rejects' columns and a stage: an invoice in no input row ({@code knownInvoiceIds}, column {@code invoice_id}),
     * one not among {@code invoices} (accepted, columns {@code invoice_id} and {@code customer_id}), or another
     * customer's.
     *
     * @param table one of {@link #LISTING}
     */
    static Dataset<Row> listedInvoiceProblems(Dataset<Row> records, CanonicalTable table, Dataset<Row> invoices,
            Dataset<Row> knownInvoiceIds) {
        Dataset<Row> listed = records.withColumn("listed_id", explode(split(col(InvoiceIdList.FIELD),
                Pattern.quote(CanonicalTable.INVOICE_ID_SEPARATOR))));
        Dataset<Row> facts = invoices.select(col("invoice_id").as("listed_inv"),
                col("customer_id").as("listed_customer"));
        Dataset<Row> known = knownInvoiceIds.select(col("invoice_id").as("listed_known"));
        Dataset<Row> joined = listed.join(facts, col("listed_id").equalTo(col("listed_inv")), "left_outer")
                .join(known, col("listed_id").equalTo(col("listed_known")), "left_outer");
        String where = " listed in invoice_ids";
        Dataset<Row> failing = joined
                .withColumn("code", when(col("listed_known").isNull(), RejectReason.UNKNOWN_INVOICE.name())
                        .when(col("listed_inv").isNull(), RejectReason.REJECTED_INVOICE.name())
                        .when(col("listed_customer").notEqual(col("customer_id")),
                                RejectReason.CUSTOMER_MISMATCH.name()))
                .withColumn("message", when(col("listed_known").isNull(),
                        concat(lit("invoice "), col("listed_id"), lit(where + " is in no input row")))
                        .when(col("listed_inv").isNull(),
                                concat(lit("invoice "), col("listed_id"), lit(where + " was rejected")))
                        .otherwise(concat(lit("invoice "), col("listed_id"), lit(where + " is customer "),
                                col("listed_customer"), lit("'s, not "), col("customer_id"))))
                .filter(col("code").isNotNull());
        return ReferenceChecks.reject(failing, table, col("code"), lit(InvoiceIdList.FIELD), col("message"), 3);
    }
}
