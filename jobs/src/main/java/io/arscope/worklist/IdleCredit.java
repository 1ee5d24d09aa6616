package io.arscope.worklist;

import static org.apache.spark.sql.functions.col;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.arscope.ledger.InvoiceHistory;

/**
 * Credit on account held by customers with nothing open: unapplied cash or unallocated credit that no worklist row
 * carries, since a row is an open invoice. It is still the team's work: refund it, or find what it was meant to
 * pay. Without this list a customer who paid 12,000.00 and has no invoice to apply it to was on no page at all.
 */
final class IdleCredit {

    /**
     * One customer's idle credit.
     *
     * @param collector   its collector, {@link InvoiceHistory#UNASSIGNED} when it has none
     * @param credit      its on-account credit at the end of the as-of day, positive
     * @param lastPayment its last payment on or before the as-of day; null when none
     */
    record Line(String collector, String customerId, String customerName, BigDecimal credit, LocalDate lastPayment) {
    }

    private IdleCredit() {
    }

    /**
     * @param customers {@link CollectionContext#customers}: customer_id, customer_name, collector, last_payment_date,
     *                  on_account_credit
     * @param open      the open invoices (the scores), with customer_id
     * @return the customers with credit on account and no open invoice, the largest credit first (then by id)
     */
    static List<Line> of(Dataset<Row> customers, Dataset<Row> open) {
        return customers.filter(col(CollectionContext.ON_ACCOUNT_CREDIT).gt(0))
                .join(open.select(col("customer_id")).distinct(), "customer_id", "left_anti")
                .collectAsList().stream()
                .map(r -> new Line(InvoiceHistory.collector(r.<String>getAs(CollectionContext.COLLECTOR)),
                        r.getAs("customer_id"), r.getAs(CollectionContext.CUSTOMER_NAME),
                        r.getAs(CollectionContext.ON_ACCOUNT_CREDIT), r.getAs(CollectionContext.LAST_PAYMENT_DATE)))
                .sorted(Comparator.comparing(Line::credit).reversed().thenComparing(Line::customerId))
                .toList();
    }
}
