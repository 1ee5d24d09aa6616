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
 *
 * <p>So is the part of a payment or credit memo beyond what its invoice still owed ({@link #beyondInvoices}): an
 * invoice's open balance stops at zero, and an SAP or NetSuite extract can settle an invoice by more than its amount
 * (a customer paying twice, a credit note on a paid invoice). That excess is the customer's money on account, as
 * unapplied cash or unallocated credit, from the day of the payment or credit that went beyond; without it the money
 * was counted nowhere, neither open nor on account.
 */
public final class OnAccountItems {

    /** Kind of an on-account payment. */
    public static final String UNAPPLIED_CASH = "unapplied_cash";
    /** Kind of an on-account credit memo. */
    public static final String UNALLOCATED_CREDIT = "unallocated_credit";
    /** An adjustment kind: an amount given up, which puts nothing on account when it goes beyond the balance. */
    private static final String WRITE_OFF = "write_off";

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
        return withSources(ledger).drop(SOURCE_INVOICE);
    }

    /** The invoice an item went beyond ({@link #beyondInvoices}); null for an item on account from the start. */
    private static final String SOURCE_INVOICE = "source_invoice";

    /** {@link #of(ReceivablesLedger)} with each item's {@link #SOURCE_INVOICE}; found once in a run. */
    private static Dataset<Row> withSources(ReceivablesLedger ledger) {
        return SharedLedger.onAccount(ledger, () -> find(ledger));
    }

    private static Dataset<Row> find(ReceivablesLedger ledger) {
        Column none = lit(null).cast("string").as(SOURCE_INVOICE);
        return ledger.payments().filter(onAccount()).select(col("customer_id").as(CUSTOMER_ID),
                        col("payment_id").as(ITEM_ID), lit(UNAPPLIED_CASH).as(KIND), col("payment_date").as(DATE),
                        col("amount").as(AMOUNT), col("currency").as(CURRENCY), none)
                .unionByName(ledger.adjustments().filter(onAccount()).select(col("customer_id").as(CUSTOMER_ID),
                        col("adjustment_id").as(ITEM_ID), lit(UNALLOCATED_CREDIT).as(KIND),
                        col("adjustment_date").as(DATE), col("amount").as(AMOUNT), col("currency").as(CURRENCY),
                        none))
                .unionByName(beyondInvoices(ledger));
    }

    /**
     * The parts of payments and credit memos beyond what their invoices still owed, as items of the invoice's
     * customer in the invoice's currency: the reductions of each invoice taken in date order (payments, then credit
     * memos, then write-offs on one day; then by id), each item the part of one reduction past the invoice's amount.
     * A write-off beyond the balance gives the customer nothing. A reversal that takes back a payment which had gone
     * beyond gives a negative item: the cash the customer had on account leaves it on the reversal's day. Only the
     * few invoices reduced by more than their amount, or with a reversal ({@link #reducedBeyond}), are ordered.
     */
    static Dataset<Row> beyondInvoices(ReceivablesLedger ledger) {
        Dataset<Row> reductions = ledger.payments().filter(applied()).select(col("invoice_id"),
                        col("payment_id").as(ITEM_ID), lit(UNAPPLIED_CASH).as(KIND), lit(0).as("order"),
                        col("payment_date").as(DATE), col("amount").as(AMOUNT))
                .unionByName(ledger.adjustments().filter(applied()).select(col("invoice_id"),
                        col("adjustment_id").as(ITEM_ID),
                        functions.when(col("kind").equalTo(WRITE_OFF), lit(WRITE_OFF))
                                .otherwise(lit(UNALLOCATED_CREDIT)).as(KIND),
                        functions.when(col("kind").equalTo(WRITE_OFF), lit(2)).otherwise(lit(1)).as("order"),
                        col("adjustment_date").as(DATE), col("amount").as(AMOUNT)));
        Dataset<Row> over = InvoiceHistory.shared(ledger).map(OnAccountItems::reducedBeyond)
                .orElseGet(() -> reducedBeyond(ledger.invoices(), reductions))
                .select(col("invoice_id").as("over_id"), col("customer_id").as("owner"),
                        col("amount").as("invoice_amount"), col("currency").as("invoice_currency"));
        org.apache.spark.sql.expressions.WindowSpec upTo = org.apache.spark.sql.expressions.Window
                .partitionBy(col("invoice_id")).orderBy(col(DATE), col("order"), col(ITEM_ID))
                .rowsBetween(org.apache.spark.sql.expressions.Window.unboundedPreceding(),
                        org.apache.spark.sql.expressions.Window.currentRow());
        Column after = sum(col(AMOUNT)).over(upTo).minus(col("invoice_amount"));
        Column before = after.minus(col(AMOUNT));
        Column zero = lit(java.math.BigDecimal.ZERO);
        return reductions.join(functions.broadcast(over), col("invoice_id").equalTo(col("over_id")))
                .withColumn("beyond", functions.greatest(after, zero).minus(functions.greatest(before, zero)))
                .filter(col("beyond").notEqual(0).and(col(KIND).notEqual(WRITE_OFF)))
                .select(col("owner").as(CUSTOMER_ID), col(ITEM_ID), col(KIND), col(DATE),
                        col("beyond").cast(FieldType.MONEY.sparkType()).as(AMOUNT),
                        col("invoice_currency").as(CURRENCY), col("over_id").as(SOURCE_INVOICE));
    }

    /**
     * The invoices reduced by more than their amount, or with a reversal, found by one grouping of invoices and
     * reductions together, in whole cents (one shuffle, no join: a join of the sums to the invoices made the metrics
     * job a fifth slower at a million invoices). An invoice whose reductions were over its amount only until a
     * reversal took some back is found by its reversal: the final sum alone would miss it, and the month-ends between
     * the two dates with it.
     */
    private static Dataset<Row> reducedBeyond(Dataset<Row> invoices, Dataset<Row> reductions) {
        Dataset<Row> overIds = invoices.select(col("invoice_id"), Cents.of(invoices, "amount").as("cents"),
                        lit(false).as("reversal"))
                .unionByName(reductions.select(col("invoice_id"), Cents.of(reductions, AMOUNT).multiply(-1).as("cents"),
                        col(AMOUNT).lt(0).as("reversal")))
                .groupBy(col("invoice_id").as("over_id"))
                .agg(sum(col("cents")).as("left"), functions.max(col("reversal")).as("reversed"))
                .filter(col("left").lt(0).or(col("reversed"))).select("over_id");
        return invoices.join(functions.broadcast(overIds), col("invoice_id").equalTo(col("over_id")), "left_semi");
    }

    /**
     * {@link #reducedBeyond(Dataset, Dataset)} read off a run's shared history, which holds every invoice with its
     * events (its reductions) already: a pass over rows held in memory instead of a grouping of every invoice and
     * reduction.
     */
    private static Dataset<Row> reducedBeyond(Dataset<Row> history) {
        return history.filter(InvoiceHistory.oneOrMore(only -> only.getField("amount").gt(col("amount"))
                        .or(only.getField("amount").lt(0)), lit(false),
                InvoiceHistory.amounts(col(InvoiceHistory.EVENTS)).gt(col("amount"))
                        .or(functions.exists(col(InvoiceHistory.EVENTS), e -> e.getField("amount").lt(0)))));
    }

    /**
     * {@link #of(ReceivablesLedger)} with the dimension columns of {@link InvoiceHistory}, as text, so that items
     * fall into slices the way invoices do and every dimension's slices still add up to the total: a customer column
     * from the item's customer; an invoice column (a business unit) from the invoice an item went beyond, else
     * {@link InvoiceHistory#NONE}, since an item on account from the start has no invoice. By the dimension {@code
     * currency} an item falls in its own currency's slice.
     */
    public static Dataset<Row> of(ReceivablesLedger ledger, List<String> dimensions) {
        List<String> invoiceColumns = List.of(ledger.invoices().columns());
        List<Column> customerSelect = new ArrayList<>(List.of(col("customer_id").as("c_id")));
        dimensions.stream().filter(d -> !invoiceColumns.contains(d)).forEach(d -> customerSelect.add(col(d)));
        List<String> byInvoice = dimensions.stream().filter(d -> !d.equals(CURRENCY) && invoiceColumns.contains(d))
                .toList();
        List<Column> out = new ArrayList<>(List.of(col(CUSTOMER_ID), col(ITEM_ID), col(KIND), col(DATE), col(AMOUNT),
                col(CURRENCY)));
        for (String d : dimensions.stream().filter(d -> !d.equals(CURRENCY)).toList()) {
            out.add(byInvoice.contains(d) ? functions.coalesce(col("src_" + d).cast("string"),
                    lit(InvoiceHistory.NONE)).as(d) : InvoiceHistory.dimensionText(d).as(d));
        }
        Dataset<Row> items = withSources(ledger);
        if (!byInvoice.isEmpty()) {
            // Only the few invoices items went beyond are read for their dimensions, found by a broadcast of ids.
            Dataset<Row> sources = items.filter(col(SOURCE_INVOICE).isNotNull()).select(col(SOURCE_INVOICE).as("s_id"))
                    .distinct();
            List<Column> dims = new ArrayList<>(List.of(col("invoice_id").as("src_id")));
            byInvoice.forEach(d -> dims.add(col(d).as("src_" + d)));
            Dataset<Row> sourceDims = ledger.invoices().join(functions.broadcast(sources),
                    col("invoice_id").equalTo(col("s_id")), "left_semi").select(dims.toArray(Column[]::new));
            items = items.join(functions.broadcast(sourceDims), col(SOURCE_INVOICE).equalTo(col("src_id")),
                    "left_outer");
        }
        return items.join(functions.broadcast(ledger.customers().select(customerSelect.toArray(Column[]::new))),
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
