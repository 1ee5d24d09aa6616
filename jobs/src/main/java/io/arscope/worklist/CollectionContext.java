package io.arscope.worklist;

import static io.arscope.job.Column.MONEY;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import io.arscope.ledger.InvoiceHistory;
import io.arscope.ledger.OnAccountItems;
import io.arscope.ledger.ReceivablesLedger;

/**
 * What a collector needs beside the scores, as it stood at the end of the as-of day: who owns each customer,
 * when the customer last paid, what it holds on account, and which invoices are under an open dispute.
 */
public final class CollectionContext {

    /** The columns the context adds to a scored invoice. */
    static final String CUSTOMER_NAME = "customer_name";
    static final String COLLECTOR = "collector";
    static final String LAST_PAYMENT_DATE = "last_payment_date";
    static final String DISPUTE_OPENED = "dispute_opened";
    static final String DISPUTE_REASON = "dispute_reason";
    /** The day of the latest reversal of a payment of the invoice by the as-of day: a returned cheque, a chargeback. */
    static final String PAYMENT_REVERSED_ON = "payment_reversed_on";
    /** What the reversals of the invoice's payments took back by the as-of day, in all: positive. */
    static final String REVERSED_AMOUNT = "reversed_amount";
    /** The customer's on-account items at the end of the as-of day ({@link OnAccountItems}), a positive credit. */
    static final String ON_ACCOUNT_CREDIT = "on_account_credit";

    private CollectionContext() {
    }

    /**
     * One row per customer: {@code customer_id}, {@code customer_name}, {@code collector}, {@code last_payment_date}
     * (latest payment on or before the as-of day, on any of its invoices or on account, that a reversal has not
     * taken back: {@link #lastPayments}) and {@code on_account_credit} (zero when it has none).
     */
    public static Dataset<Row> customers(ReceivablesLedger ledger, LocalDate asOf) {
        Dataset<Row> paid = ledger.payments().filter(col("payment_date").leq(asOf));
        // Ingest gives every payment its customer (the invoice's, when the export names none); one without is
        // the invoice's customer's. Joined only when there is such a payment: the join shuffles every payment and
        // invoice of the ledger to find none in an ingested one.
        Dataset<Row> unnamed = paid.filter(col("customer_id").isNull());
        Dataset<Row> payers = paid.filter(col("customer_id").isNotNull())
                .select(col("customer_id").as("payer"), col("invoice_id"), col("payment_date"), col("amount"));
        if (!unnamed.isEmpty()) {
            payers = payers.unionByName(unnamed.join(ledger.invoices().select(col("invoice_id").as("paid_invoice"),
                    col("customer_id").as("payer")), col("invoice_id").equalTo(col("paid_invoice")))
                    .select(col("payer"), col("invoice_id"), col("payment_date"), col("amount")));
        }
        Dataset<Row> credit = OnAccountItems.byCustomer(ledger, asOf)
                .withColumnRenamed(OnAccountItems.CUSTOMER_ID, "creditor");
        return ledger.customers().select(col("customer_id"), col("name").as(CUSTOMER_NAME), col(COLLECTOR))
                .join(lastPayments(payers), col("customer_id").equalTo(col("payer")), "left")
                .join(credit, col("customer_id").equalTo(col("creditor")), "left")
                .select(col("customer_id"), col(CUSTOMER_NAME), col(COLLECTOR), col(LAST_PAYMENT_DATE),
                        coalesce(col(OnAccountItems.BALANCE), lit(BigDecimal.ZERO).cast(MONEY))
                                .as(ON_ACCOUNT_CREDIT));
    }

    /**
     * Per payer, the latest payment that stands ({@link InvoiceHistory#standing}): a payment a reversal took back,
     * a bounced cheque, is not the day the customer last paid, nor is cash that came back to account with it. The
     * payments of an invoice (or of a customer's on account) with no reversal stand as they are; only the few with
     * one are walked, so the ledger's payments are not collected into arrays.
     */
    static Dataset<Row> lastPayments(Dataset<Row> payers) {
        Dataset<Row> reversed = functions.broadcast(payers.filter(col("amount").lt(0))
                .select(col("payer").as("r_payer"), col("invoice_id").as("r_invoice")).distinct());
        Column same = col("payer").equalTo(col("r_payer")).and(col("invoice_id").eqNullSafe(col("r_invoice")));
        Dataset<Row> plain = payers.join(reversed, same, "left_anti").filter(col("amount").gt(0))
                .select(col("payer"), col("payment_date"));
        Dataset<Row> walked = payers.join(reversed, same, "left_semi")
                .groupBy(col("payer"), col("invoice_id"))
                .agg(functions.collect_list(struct(col("payment_date").as("date"), col("amount"))).as("p"))
                .select(col("payer"), functions.array_max(functions.transform(InvoiceHistory.standing(col("p")),
                        s -> s.getField("date"))).as("payment_date"));
        return plain.unionByName(walked).groupBy(col("payer")).agg(max("payment_date").as(LAST_PAYMENT_DATE));
    }

    /**
     * What a collector should know of an invoice before calling about it, as it stood at the end of the as-of day:
     * one row per invoice under an open dispute or with a payment reversed. {@code invoice_id}; {@code
     * dispute_opened} and {@code dispute_reason} of the oldest dispute open then (opened on or before the day, not
     * resolved by then), null without one; {@code payment_reversed_on} and {@code reversed_amount} of the reversals
     * of its payments dated by then (a returned cheque, a chargeback: the invoice is open again because the cash
     * came back, which is another call than a reminder), null without one.
     */
    public static Dataset<Row> invoiceNotes(ReceivablesLedger ledger, LocalDate asOf) {
        Dataset<Row> disputes = ledger.disputes()
                .filter(col("opened_date").leq(asOf)
                        .and(col("resolved_date").isNull().or(col("resolved_date").gt(asOf))))
                .groupBy(col("invoice_id"))
                .agg(min(struct(col("opened_date"), col("dispute_id"), col("reason"))).as("d"))
                .select(col("invoice_id").as("disputed_invoice"), col("d.opened_date").as(DISPUTE_OPENED),
                        col("d.reason").as(DISPUTE_REASON));
        Dataset<Row> reversals = ledger.payments()
                .filter(col("invoice_id").isNotNull().and(col("amount").lt(0)).and(col("payment_date").leq(asOf)))
                .groupBy(col("invoice_id").as("reversed_invoice"))
                .agg(max(col("payment_date")).as(PAYMENT_REVERSED_ON),
                        sum(col("amount")).multiply(-1).cast(MONEY).as(REVERSED_AMOUNT));
        return disputes.join(reversals, col("disputed_invoice").equalTo(col("reversed_invoice")), "full_outer")
                .select(coalesce(col("disputed_invoice"), col("reversed_invoice")).as("invoice_id"),
                        col(DISPUTE_OPENED), col(DISPUTE_REASON), col(PAYMENT_REVERSED_ON), col(REVERSED_AMOUNT));
    }
}
