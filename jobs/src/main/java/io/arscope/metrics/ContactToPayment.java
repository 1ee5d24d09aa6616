package io.arscope.metrics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.last_day;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.arscope.ledger.InvoiceHistory;
import io.arscope.ledger.PaidInvoices;

/**
 * Days from the first contact about a debt to its payment. An invoice is paid on the day its payments and credit
 * memos reach its amount for good ({@link PaidInvoices#settledOn}: a payment reversed since does not count), when it
 * has a payment and no write-off. Its first contact is the earliest contact
 * with its customer about it or about the customer's balance (a contact about another invoice is not about this
 * one), dated from its invoice date to the day it was paid. The average is over the invoices paid in the month that
 * had such a contact, each counting once.
 */
public final class ContactToPayment {

    private ContactToPayment() {
    }

    /**
     * One row per invoice paid by {@code lastMonthEnd} after a contact: month_end (of the month it was paid), the
     * dimensions, contact_paid_invoices (1) and contact_days (days from its first contact to its payment).
     *
     * @param history  {@link InvoiceHistory} rows with the dimensions
     * @param contacts the canonical contacts
     */
    public static Dataset<Row> paidAfterContact(Dataset<Row> history, Dataset<Row> contacts, List<String> dims,
            LocalDate lastMonthEnd) {
        // Written-off invoices are left out below, so this is the day the payments and credit memos settled it.
        Column paidOn = PaidInvoices.settledOn();
        List<Column> keep = new ArrayList<>(List.of(col("invoice_id"), col("customer_id"), col("invoice_date"),
                paidOn.as("paid_on")));
        dims.forEach(d -> keep.add(col(d)));
        // Only the invoices of customers ever contacted can count: the others are left before their events are walked.
        Dataset<Row> contacted = contacts.select(col("customer_id").as("contacted_customer")).distinct();
        Dataset<Row> paid = history.join(contacted, col("customer_id").equalTo(col("contacted_customer")), "left_semi")
                .filter(size(InvoiceHistory.events("payment")).gt(0)
                        .and(size(InvoiceHistory.events("write_off")).equalTo(0)))
                .select(keep.toArray(Column[]::new))
                .filter(col("paid_on").isNotNull().and(col("paid_on").leq(lit(lastMonthEnd))));
        Dataset<Row> about = contacts.select(col("customer_id").as("contact_customer"),
                col("invoice_id").as("contact_invoice"), col("contact_date"));
        List<Column> keys = new ArrayList<>(List.of(col("invoice_id"), col("paid_on")));
        dims.forEach(d -> keys.add(col(d)));
        Dataset<Row> first = paid.join(about, col("customer_id").equalTo(col("contact_customer"))
                        .and(col("contact_invoice").isNull().or(col("contact_invoice").equalTo(col("invoice_id"))))
                        .and(col("contact_date").geq(col("invoice_date")))
                        .and(col("contact_date").leq(col("paid_on"))))
                .groupBy(keys.toArray(Column[]::new)).agg(min(col("contact_date")).as("first_contact"));
        List<Column> out = new ArrayList<>(List.of(last_day(col("paid_on")).as("month_end")));
        dims.forEach(d -> out.add(col(d)));
        out.add(lit(1L).as("contact_paid_invoices"));
        out.add(datediff(col("paid_on"), col("first_contact")).cast("long").as("contact_days"));
        return first.select(out.toArray(Column[]::new));
    }
}
