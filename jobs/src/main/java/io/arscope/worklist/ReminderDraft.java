package io.arscope.worklist;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.apache.spark.sql.Row;

/**
 * What a reminder to one customer says, before it is put in words: the customer, the written dunning step it is
 * at, its open invoices with what is due on each, and the promise to pay or plan instalment to remind it of.
 *
 * @param collector    the customer's collector, as in the data
 * @param customerId   the customer's id
 * @param customerName the customer's name; null when the data has none
 * @param step         the written dunning step whose template words the reminder
 * @param asOf         the worklist's day
 * @param invoices     the invoices with something due, by due date then invoice id
 * @param promise      the customer's most urgent promise to pay, or null
 * @param instalment   the customer's plan instalment that is due or missed, or null
 */
public record ReminderDraft(String collector, String customerId, String customerName, String step, LocalDate asOf,
        List<Invoice> invoices, Promise promise, Instalment instalment) {

    /** One invoice of the reminder: what is due on it is its open amount less what on-account credit covers. */
    public record Invoice(String invoiceId, LocalDate dueDate, int daysPastDue, String currency, BigDecimal due) {
    }

    /** A promise to pay {@code amount} by {@code date}, with its derived status. */
    public record Promise(String status, LocalDate date, BigDecimal amount, String currency) {
    }

    /** A plan instalment of {@code amount} due on {@code due}, with its status (due or missed). */
    public record Instalment(String status, LocalDate due, BigDecimal amount, String currency) {
    }

    public ReminderDraft {
        invoices = List.copyOf(invoices);
        if (invoices.isEmpty()) {
            throw new IllegalArgumentException("a reminder to customer " + customerId + " needs an invoice");
        }
    }

    /** The name a reminder addresses: the customer's name, else its id. */
    public String addressee() {
        return customerName == null || customerName.isBlank() ? customerId : customerName;
    }

    /**
     * The reminder of a customer of the collection queue, from its rows (one per currency) and their invoice rows:
     * every invoice with something left due once on-account credit is set against it (one the credit covers in
     * full is not chased, so not listed). The promise and plan instalment come from the first row that has them,
     * read from the worklist's promise and plan-instalment columns ({@link WorklistTables#PROMISE_STATUS} ..
     * {@link WorklistTables#PLAN_INSTALMENT_AMOUNT}) when the rows carry them.
     *
     * @return empty when nothing is left due
     */
    static Optional<ReminderDraft> of(String step, LocalDate asOf, List<CollectorQueue.Customer> rows) {
        Row first = rows.get(0).row();
        List<Invoice> invoices = new ArrayList<>();
        Promise promise = null;
        Instalment instalment = null;
        for (CollectorQueue.Customer c : rows) {
            String currency = WorklistTables.CURRENCY.of(c.row());
            for (Row i : c.invoices()) {
                BigDecimal due = WorklistTables.OPEN_AMOUNT.of(i).subtract(WorklistTables.COVERED_BY_CREDIT.of(i));
                if (due.signum() > 0) {
                    invoices.add(new Invoice(WorklistTables.INVOICE_ID.of(i), WorklistTables.DUE_DATE.of(i),
                            WorklistTables.DAYS_PAST_DUE.of(i), WorklistTables.CURRENCY.of(i), due));
                }
            }
            Row r = c.row();
            if (promise == null && present(r, WorklistTables.PROMISE_STATUS.name())) {
                promise = new Promise(WorklistTables.PROMISE_STATUS.of(r), WorklistTables.PROMISE_DATE.of(r),
                        WorklistTables.PROMISE_AMOUNT.of(r), currency);
            }
            if (instalment == null && present(r, WorklistTables.PLAN_INSTALMENT_STATUS.name())) {
                instalment = new Instalment(WorklistTables.PLAN_INSTALMENT_STATUS.of(r),
                        WorklistTables.PLAN_INSTALMENT_DUE.of(r), WorklistTables.PLAN_INSTALMENT_AMOUNT.of(r), currency);
            }
        }
        if (invoices.isEmpty()) {
            return Optional.empty();
        }
        invoices.sort(Comparator.comparing(Invoice::dueDate).thenComparing(Invoice::invoiceId));
        return Optional.of(new ReminderDraft(WorklistTables.COLLECTOR.of(first), WorklistTables.CUSTOMER_ID.of(first),
                WorklistTables.CUSTOMER_NAME.of(first), step, asOf, invoices, promise, instalment));
    }

    /** Whether the row has the column and a value in it. */
    private static boolean present(Row row, String column) {
        return row.schema() != null && List.of(row.schema().fieldNames()).contains(column) && !row.isNullAt(
                row.fieldIndex(column));
    }
}
