package io.arscope.ledger;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

import io.arscope.model.FieldType;

/**
 * The on-account items of a ledger: payments (unapplied cash) and credit memos (unallocated credit) that name a
 * customer but no invoice. Each reduces its customer's balance from its date on without settling any invoice, so
 * the analysis keeps two balances, as a general ledger does: gross AR (the open invoices, what {@link InvoiceHistory}
 * sums) and net AR (gross less the on-account items). {@link InvoiceHistory} leaves these rows out on purpose;
 * every consumer that needs them reads them here, so none is lost or counted as applied to an invoice.
 */
public final class OnAccountItems {

    /** Kind of an on-account payment. */
    public static final String UNAPPLIED_CASH = "unapplied_cash";
    /** Kind of an on-account credit memo. */
    public static final String UNALLOCATED_CREDIT = "unallocated_credit";

    /** Columns of an item. */
    public static final String CUSTOMER_ID = "customer_id";
    public static final String ITEM_ID = "item_id";
    public static final String KIND = "kind";
    public static final String DATE = "date";
    public static final String AMOUNT = "amount";
    /** The item's currency: as stored, whatever the amount column has been converted into. */
    public static final String CURRENCY = "currency";
    /** The column of {@link #byCustomer}'s sums, and the name of the on-account line in the outputs. */
    public static final String BALANCE = "on_account";

    private OnAccountItems() {
    }

    /** Whether a payment or adjustment row is an on-account item: it names no invoice. */
    public static Column onAccount() {
        return col("invoice_id").isNull();
    }

    /** Whether a payment or adjustment row is applied to an invoice: the complement of {@link #onAccount()}. */
    public static Column applied() {
        return col("invoice_id").isNotNull();
    }

    /**
     * One row per item: customer_id, item_id, kind, date, amount (the amount is positive: a credit) and currency
     * (an item has no invoice, so its currency is its own).
     */
    public static Dataset<Row> of(ReceivablesLedger ledger) {
        return ledger.payments().filter(onAccount()).select(col("customer_id").as(CUSTOMER_ID),
                        col("payment_id").as(ITEM_ID), lit(UNAPPLIED_CASH).as(KIND), col("payment_date").as(DATE),
                        col("amount").as(AMOUNT), col("currency").as(CURRENCY))
                .unionByName(ledger.adjustments().filter(onAccount()).select(col("customer_id").as(CUSTOMER_ID),
                        col("adjustment_id").as(ITEM_ID), lit(UNALLOCATED_CREDIT).as(KIND),
                        col("adjustment_date").as(DATE), col("amount").as(AMOUNT), col("currency").as(CURRENCY)));
    }

    /**
     * {@link #of(ReceivablesLedger)} with the dimension columns of {@link InvoiceHistory}: a customer column from the
     * item's customer, an invoice column {@link InvoiceHistory#NONE} (an item has no invoice), both as text, so
     * that items fall into slices the way invoices do and every dimension's slices still add up to the total. By
     * the dimension {@code currency} an item falls in its own currency's slice.
     */
    public static Dataset<Row> of(ReceivablesLedger ledger, List<String> dimensions) {
        List<String> invoiceColumns = List.of(ledger.invoices().columns());
        List<Column> customerSelect = new ArrayList<>(List.of(col("customer_id").as("c_id")));
        dimensions.stream().filter(d -> !invoiceColumns.contains(d)).forEach(d -> customerSelect.add(col(d)));
        List<Column> out = new ArrayList<>(List.of(col(CUSTOMER_ID), col(ITEM_ID), col(KIND), col(DATE), col(AMOUNT),
                col(CURRENCY)));
        for (String d : dimensions.stream().filter(d -> !d.equals(CURRENCY)).toList()) {
            out.add(invoiceColumns.contains(d) ? lit(InvoiceHistory.NONE).as(d)
                    : InvoiceHistory.dimensionText(d).as(d));
        }
        return of(ledger).join(functions.broadcast(ledger.customers().select(customerSelect.toArray(Column[]::new))),
                        col(CUSTOMER_ID).equalTo(col("c_id")), "left_outer")
                .select(out.toArray(Column[]::new));
    }

    /**
     * Per customer with items dated on or before {@code day}: {@code customer_id} and {@code on_account}, the sum of
     * their amounts (positive: what the customer has to its credit).
     */
    public static Dataset<Row> byCustomer(ReceivablesLedger ledger, LocalDate day) {
        return of(ledger).filter(col(DATE).leq(lit(day))).groupBy(col(CUSTOMER_ID))
                .agg(sum(col(AMOUNT)).cast(FieldType.MONEY.sparkType()).as(BALANCE));
    }
}
