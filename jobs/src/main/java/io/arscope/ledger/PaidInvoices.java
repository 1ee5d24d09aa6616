package io.arscope.ledger;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The invoices paid in full, and when: what how late a customer pays is measured on. Shared by the worklist's days
 * still to pay and the alerts' jump in days late, so that both read "paid" the same way.
 */
public final class PaidInvoices {

    /** On {@link #settled}: whether a payment settled the invoice, rather than a credit memo or a write-off. */
    public static final String PAID = "paid";

    private PaidInvoices() {
    }

    /**
     * Invoices paid in full on or before {@code asOf}, as known at the end of that day: {@code customer_id},
     * {@code settled_on} (the day its reductions reached its amount for good: the first, unless a reversed payment
     * reopened it; one reopened and still open is not settled) and {@code days_late} ({@code settled_on}
     * less its due date; negative when paid early). Paid means a payment is among the reductions of that day; one
     * closed by a credit memo or a write-off was not paid ({@link #settled} has those too).
     */
    public static Dataset<Row> of(ReceivablesLedger ledger, LocalDate asOf) {
        return settled(ledger.asOf(asOf)).filter(col(PAID)).drop(PAID);
    }

    /** As {@link #settled(ReceivablesLedger, Supplier)}, the history built from the ledger when needed. */
    public static Dataset<Row> settled(ReceivablesLedger cut) {
        return settled(cut, () -> InvoiceHistory.of(cut, List.of()));
    }

    /**
     * As {@link #settled(Dataset)}, for a ledger already cut at the as-of day whose history {@code history} builds
     * when needed (a job holding one for other figures gives it): in a run, found once for every step
     * ({@link SharedLedger}).
     */
    public static Dataset<Row> settled(ReceivablesLedger cut, Supplier<Dataset<Row>> history) {
        return SharedLedger.settled(cut, () -> settled(history.get()));
    }

    /**
     * Invoices settled in full, by whatever reduced them, in the history of a ledger already cut at the as-of day:
     * {@code customer_id}, {@code settled_on}, {@code days_late} (as {@link #of}) and {@link #PAID}. Those not paid
     * are the ones closed by a credit memo or a write-off instead: what "paid after being as late" leaves out.
     */
    public static Dataset<Row> settled(Dataset<Row> history) {
        return history.filter(col("amount").gt(0))
                .withColumn("settled_on", settledOn())
                .filter(col("settled_on").isNotNull())
                .select(col("customer_id"), col("settled_on"),
                        datediff(col("settled_on"), col("due_date")).as("days_late"),
                        exists(col(InvoiceHistory.EVENTS), e -> e.getField("date").equalTo(col("settled_on"))
                                .and(e.getField("kind").equalTo("payment"))).as(PAID));
    }

    /**
     * On an {@link InvoiceHistory} row: the day the invoice's reductions reached its amount for good, null while they
     * fall short. The first day they reached it, unless a reversed payment (a negative one) reopened it after that:
     * then the first day they reached it again, if they did.
     */
    public static Column settledOn() {
        // Each event's day and whether the reductions by then reach the amount, summed once per event; in date order,
        // a day short of the amount forgets any earlier settlement.
        Column reached = array_sort(transform(col(InvoiceHistory.EVENTS), e -> struct(e.getField("date").as("date"),
                InvoiceHistory.reducedBy(e.getField("date")).geq(col("amount")).as("reached"))));
        Column never = lit(null).cast("date");
        return InvoiceHistory.oneOrMore(only -> when(only.getField("amount").geq(col("amount")), only.getField("date")),
                never,
                aggregate(reached, never, (settled, r) -> when(r.getField("reached"),
                        coalesce(settled, r.getField("date"))).otherwise(never)));
    }
}
