package io.arscope.samples;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a generated history as Arscope's canonical CSV files, one per table plus
 * {@value HistoryGenerator#TRUTH_FILE}, each with its header, and counts the rows it wrote. Amounts arrive in
 * cents and are written as decimals with two places, dates as ISO dates, and a value that is unknown (a dispute
 * still open, an invoice whose outcome the export cannot tell yet) as an empty field.
 *
 * <p>Rows go to disk as they come, through large buffers, so a history of any size writes in constant memory.
 */
final class HistoryWriter implements AutoCloseable {

    /** One customer; {@code segment} is the segment's name. */
    record CustomerRow(String id, String name, String country, String region, String segment, long creditLimitCents,
            int termsDays, String collector, LocalDate since) {
    }

    record InvoiceRow(String id, String customerId, LocalDate invoiceDate, LocalDate dueDate, long amountCents,
            String businessUnit, int termsDays, boolean paper) {
    }

    record PaymentRow(String id, String invoiceId, String customerId, LocalDate date, long amountCents, String method) {
    }

    record AdjustmentRow(String id, String invoiceId, String customerId, LocalDate date, long amountCents, String kind,
            String reason) {
    }

    /** One dispute; {@code resolved} is null while it is open. */
    record DisputeRow(String id, String invoiceId, LocalDate opened, LocalDate resolved, String reason) {
    }

    /** One contact about an invoice; {@code outcome} is null when nothing came back (a letter). */
    record ContactRow(String id, String customerId, String invoiceId, LocalDate date, String channel, String outcome,
            String collector) {
    }

    /** One promise to pay {@code amountCents} of one invoice, made on {@code promisedOn}, by {@code promisedDate}. */
    record PromiseRow(String id, String customerId, String invoiceId, LocalDate promisedOn, LocalDate promisedDate,
            long amountCents, String collector) {
    }

    /** Instalment {@code instalment} (1, 2, ...) of a payment plan for one invoice, agreed on {@code agreedOn}. */
    record PlanInstalmentRow(String planId, int instalment, String customerId, String invoiceId, LocalDate agreedOn,
            LocalDate dueDate, long amountCents) {
    }

    /**
     * What the simulation knew of one invoice: its probability of being paid late as known on the invoice date,
     * and whether it was; {@code late} is null while the export cannot tell. {@code activity} is null when the
     * history has no collections activity.
     */
    record TruthRow(String invoiceId, double pLate, Boolean late, ActivityTruth activity) {
    }

    /**
     * What collections activity did to one invoice, as the simulation knew it (also after the export date).
     *
     * @param contacts                the contacts written for it
     * @param settledWithoutActivity  the day it would have been settled (paid in full or written off) without them
     * @param upliftDays              how many days sooner it was settled because of them
     * @param promiseOutcome          kept, partly_kept or broken for the invoice's promise, null when it got none
     * @param planInstalmentsMet      how many instalments of its plan were paid on time, null when it got none
     */
    record ActivityTruth(int contacts, LocalDate settledWithoutActivity, long upliftDays, String promiseOutcome,
            Integer planInstalmentsMet) {
    }

    private final CsvFile customers;
    private final CsvFile invoices;
    private final CsvFile payments;
    private final CsvFile adjustments;
    private final CsvFile disputes;
    /** The activity files: null when the history has no activity. */
    private final CsvFile contacts;
    private final CsvFile promises;
    private final CsvFile planInstalments;
    private final CsvFile truth;
    private final CurrencyPlan currencies;
    private final List<CsvFile> files = new ArrayList<>();

    /**
     * Creates {@code dir} if needed and starts every file with its header; invoices bill in {@code currencies}. With
     * {@code activity}, it writes the activity files too and the truth file has the activity columns; without, its
     * files are those of a history made before activity existed (the generator's mapping reads the activity files
     * as optional).
     */
    HistoryWriter(Path dir, CurrencyPlan currencies, boolean activity) throws IOException {
        this.currencies = currencies;
        Files.createDirectories(dir);
        customers = file(dir, "customers.csv",
                "customer_id,name,country,region,segment,credit_limit,terms_days,collector,customer_since");
        invoices = file(dir, "invoices.csv",
                "invoice_id,customer_id,invoice_date,due_date,amount,currency,business_unit,terms_days,billing_channel");
        payments = file(dir, "payments.csv", "payment_id,invoice_id,customer_id,payment_date,amount,method");
        adjustments = file(dir, "adjustments.csv",
                "adjustment_id,invoice_id,customer_id,adjustment_date,amount,kind,reason");
        disputes = file(dir, "disputes.csv", "dispute_id,invoice_id,opened_date,resolved_date,reason");
        contacts = activity ? file(dir, "contacts.csv",
                "contact_id,customer_id,invoice_id,contact_date,channel,outcome,collector") : null;
        promises = activity ? file(dir, "promises.csv",
                "promise_id,customer_id,invoice_ids,promised_on,promised_date,amount,currency,collector") : null;
        planInstalments = activity ? file(dir, "plan_instalments.csv",
                "plan_id,instalment,customer_id,invoice_ids,agreed_on,due_date,amount,currency") : null;
        truth = file(dir, HistoryGenerator.TRUTH_FILE, activity
                ? "invoice_id,p_late,late,contacts,settled_without_activity,uplift_days,promise_outcome,"
                        + "plan_instalments_met"
                : "invoice_id,p_late,late");
    }

    /** Starts file {@code name} in {@code dir} with its header, to be closed with the others. */
    private CsvFile file(Path dir, String name, String header) throws IOException {
        CsvFile file = new CsvFile(dir, name, header);
        files.add(file);
        return file;
    }

    void write(CustomerRow c) throws IOException {
        customers.field(c.id()).field(c.name()).field(c.country()).field(c.region()).field(c.segment())
                .money(c.creditLimitCents()).field(c.termsDays()).field(c.collector()).field(c.since()).endRow();
    }

    void write(InvoiceRow i) throws IOException {
        invoices.field(i.id()).field(i.customerId()).field(i.invoiceDate()).field(i.dueDate()).money(i.amountCents())
                .field(currencies.of(i.customerId())).field(i.businessUnit()).field(i.termsDays()).field(i.paper() ? "paper" : "electronic")
                .endRow();
    }

    void write(PaymentRow p) throws IOException {
        payments.field(p.id()).field(p.invoiceId()).field(p.customerId()).field(p.date()).money(p.amountCents())
                .field(p.method()).endRow();
    }

    void write(AdjustmentRow a) throws IOException {
        adjustments.field(a.id()).field(a.invoiceId()).field(a.customerId()).field(a.date()).money(a.amountCents())
                .field(a.kind()).field(a.reason()).endRow();
    }

    void write(DisputeRow d) throws IOException {
        disputes.field(d.id()).field(d.invoiceId()).field(d.opened()).field(d.resolved()).field(d.reason()).endRow();
    }

    void write(ContactRow c) throws IOException {
        contacts.field(c.id()).field(c.customerId()).field(c.invoiceId()).field(c.date()).field(c.channel())
                .field(c.outcome()).field(c.collector()).endRow();
    }

    void write(PromiseRow p) throws IOException {
        promises.field(p.id()).field(p.customerId()).field(p.invoiceId()).field(p.promisedOn()).field(p.promisedDate())
                .money(p.amountCents()).field(currencies.of(p.customerId())).field(p.collector()).endRow();
    }

    void write(PlanInstalmentRow i) throws IOException {
        planInstalments.field(i.planId()).field(i.instalment()).field(i.customerId()).field(i.invoiceId())
                .field(i.agreedOn()).field(i.dueDate()).money(i.amountCents()).field(currencies.of(i.customerId()))
                .endRow();
    }

    void write(TruthRow t) throws IOException {
        truth.field(t.invoiceId()).probability(t.pLate()).field(t.late() == null ? null : t.late() ? "1" : "0");
        ActivityTruth a = t.activity();
        if (a != null) {
            truth.field(a.contacts()).field(a.settledWithoutActivity()).field(a.upliftDays())
                    .field(a.promiseOutcome()).field(a.planInstalmentsMet());
        }
        truth.endRow();
    }

    /** The rows written so far, by table. */
    HistoryGenerator.Summary summary() {
        return new HistoryGenerator.Summary(customers.rows, invoices.rows, payments.rows, adjustments.rows,
                disputes.rows, rows(contacts), rows(promises), rows(planInstalments));
    }

    private static long rows(CsvFile activityFile) {
        return activityFile == null ? 0 : activityFile.rows;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (CsvFile file : files) {
            try {
                file.out.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw new UncheckedIOException(first);
        }
    }

    /**
     * One file being written, a row at a time: fields are separated by commas and a null field is empty. None of
     * the generated values holds a comma or a quote, so nothing is quoted.
     */
    private static final class CsvFile {
        private final BufferedWriter out;
        // One buffer for every row: tens of millions of rows should not mean as many builders.
        private final StringBuilder line = new StringBuilder(128);
        private boolean rowStarted;
        private long rows;

        CsvFile(Path dir, String name, String header) throws IOException {
            BufferedWriter file = Files.newBufferedWriter(dir.resolve(name), StandardCharsets.UTF_8);
            file.write(header);
            file.write('\n');
            out = new BufferedWriter(file, 1 << 16);
        }

        CsvFile field(Object value) {
            separate();
            if (value != null) {
                line.append(value);
            }
            return this;
        }

        /** An amount in cents as a decimal with two places, as 12.05. */
        CsvFile money(long cents) {
            separate();
            long abs = Math.abs(cents);
            if (cents < 0) {
                line.append('-');
            }
            line.append(abs / 100).append('.');
            long fraction = abs % 100;
            if (fraction < 10) {
                line.append('0');
            }
            line.append(fraction);
            return this;
        }

        /** A probability with six decimals, as 0.123456. */
        CsvFile probability(double p) {
            separate();
            long micros = Math.round(p * 1_000_000);
            if (micros >= 1_000_000) {
                line.append("1.000000");
                return this;
            }
            String digits = Long.toString(micros);
            line.append("0.");
            for (int i = digits.length(); i < 6; i++) {
                line.append('0');
            }
            line.append(digits);
            return this;
        }

        void endRow() throws IOException {
            out.append(line).append('\n');
            line.setLength(0);
            rowStarted = false;
            rows++;
        }

        private void separate() {
            if (rowStarted) {
                line.append(',');
            }
            rowStarted = true;
        }
    }
}
