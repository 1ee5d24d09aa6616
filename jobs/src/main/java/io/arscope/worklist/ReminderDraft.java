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
 * @param invoices     the invoices with something due that the reminder asks for, by due date then invoice id
 * @param promised     the invoices with something due that a pending promise covers, left out of what the reminder
 *                     asks for until their promised date, by due date then invoice id
 * @param notYetDue    the invoices not yet due that no written step has reached (a courtesy reminder's window
 *                     ends before them), left out of what the reminder asks for, by due date then invoice id
 * @param promise      the customer's most urgent promise to pay, or null
 * @param instalment   the customer's plan instalment that is due or missed, or null
 */
public record ReminderDraft(String collector, String customerId, String customerName, String step, LocalDate asOf,
        List<Invoice> invoices, List<Invoice> promised, List<Invoice> notYetDue, Promise promise,
        Instalment instalment) {

    /**
     * One invoice of the reminder: what is due on it is its open amount less what on-account credit covers.
     *
     * @param promisedBy the promised date of the pending promise that covers it ({@link WorklistTables#PROMISED_BY});
     *                   null when none does
     */
    public record Invoice(String invoiceId, LocalDate dueDate, int daysPastDue, String currency, BigDecimal due,
            LocalDate promisedBy) {
    }

    /** A promise to pay {@code amount} by {@code date}, with its derived status. */
    public record Promise(String status, LocalDate date, BigDecimal amount, String currency) {
    }

    /** A plan instalment of {@code amount} due on {@code due}, with its status (due or missed). */
    public record Instalment(String status, LocalDate due, BigDecimal amount, String currency) {
    }

    public ReminderDraft {
        invoices = List.copyOf(invoices);
        promised = List.copyOf(promised);
        notYetDue = List.copyOf(notYetDue);
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
     * full is not chased, so not listed). An invoice a pending promise covers ({@link WorklistTables#PROMISED_BY},
     * when the rows carry it) is not asked for: a reminder that demands what the customer has promised to pay by a
     * later day undoes the promise. Nor is an invoice not yet due that no written step has reached: a courtesy
     * reminder of what falls due this week would otherwise total what falls due next month too. The reminder is
     * worded by the most severe written step among the invoices it asks for, so an overdue promised invoice does not
     * make a final notice of a reminder of a recent one; when that step reaches overdue invoices only
     * ({@link DunningStrategy.Step#overdueOnly}), the invoices not yet due are not asked for either, since its words
     * speak of overdue invoices, and are named beside it as the others not yet due are. The
     * promise and plan instalment come from the first row that has them, read from the worklist's promise and
     * plan-instalment columns ({@link WorklistTables#PROMISE_STATUS} .. {@link WorklistTables#PLAN_INSTALMENT_AMOUNT})
     * when the rows carry them.
     *
     * @return empty when nothing is left to ask for, or no invoice asked for is at a written step
     */
    static Optional<ReminderDraft> of(DunningStrategy strategy, LocalDate asOf, List<CollectorQueue.Customer> rows) {
        Row first = rows.get(0).row();
        List<Invoice> invoices = new ArrayList<>();
        List<Invoice> promised = new ArrayList<>();
        List<Invoice> notYetDue = new ArrayList<>();
        DunningStrategy.Step step = null;
        Promise promise = null;
        Instalment instalment = null;
        for (CollectorQueue.Customer c : rows) {
            String currency = WorklistTables.CURRENCY.of(c.row());
            for (Row i : c.invoices()) {
                BigDecimal due = WorklistTables.OPEN_AMOUNT.of(i).subtract(WorklistTables.COVERED_BY_CREDIT.of(i));
                if (due.signum() <= 0) {
                    continue;
                }
                LocalDate promisedBy = present(i, WorklistTables.PROMISED_BY.name())
                        ? WorklistTables.PROMISED_BY.of(i) : null;
                Invoice invoice = new Invoice(WorklistTables.INVOICE_ID.of(i), WorklistTables.DUE_DATE.of(i),
                        WorklistTables.DAYS_PAST_DUE.of(i), WorklistTables.CURRENCY.of(i), due, promisedBy);
                if (promisedBy != null) {
                    promised.add(invoice);
                    continue;
                }
                DunningStrategy.Step own = strategy.step(WorklistTables.ACTION_CODE.of(i))
                        .filter(DunningStrategy.Step::written).orElse(null);
                if (own == null && invoice.daysPastDue() <= 0) {
                    // Due in weeks, with no step yet: a reminder that totals it reads as a demand for it.
                    notYetDue.add(invoice);
                    continue;
                }
                invoices.add(invoice);
                if (own != null && (step == null
                        || strategy.steps().indexOf(own) < strategy.steps().indexOf(step))) {
                    step = own;
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
        if (step == null) {
            return Optional.empty();
        }
        if (step.overdueOnly()) {
            // A final notice that lists an invoice due next week beside "the overdue invoices below" demands money
            // that is not yet owed; the invoice a courtesy step reached is named in the not-yet-due sentence instead.
            invoices.stream().filter(i -> i.daysPastDue() <= 0).forEach(notYetDue::add);
            invoices.removeIf(i -> i.daysPastDue() <= 0);
        }
        Comparator<Invoice> order = Comparator.comparing(Invoice::dueDate).thenComparing(Invoice::invoiceId);
        invoices.sort(order);
        promised.sort(order);
        notYetDue.sort(order);
        return Optional.of(new ReminderDraft(WorklistTables.COLLECTOR.of(first), WorklistTables.CUSTOMER_ID.of(first),
                WorklistTables.CUSTOMER_NAME.of(first), step.code(), asOf, invoices, promised, notYetDue, promise,
                instalment));
    }

    /** Whether the row has the column and a value in it. */
    private static boolean present(Row row, String column) {
        return row.schema() != null && List.of(row.schema().fieldNames()).contains(column) && !row.isNullAt(
                row.fieldIndex(column));
    }
}
