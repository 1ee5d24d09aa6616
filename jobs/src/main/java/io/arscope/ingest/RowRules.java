package io.arscope.ingest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.arscope.model.CanonicalField;
import io.arscope.model.CanonicalTable;
import io.arscope.model.FieldType;

/**
 * The canonical rules a typed record must meet whatever its source, checked on one line alone: amounts above
 * zero, dates within the run's {@link ValueBounds}, business dates by the as-of date, dates in order, codes
 * from the allowed lists, and nothing on the line dated before the invoice it settles or disputes. A rule that
 * fails names its reason code. A structural fault is thrown; a {@link RejectReason#flaggable() flaggable} oddity is
 * returned, so that the other rules are still checked and {@link QualityPolicy} decides later. Checks across lines
 * (duplicates, references) come later, in {@link ReferenceChecks}.
 */
final class RowRules {

    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final List<CanonicalTable> DEPENDENTS = List.of(CanonicalTable.PAYMENTS,
            CanonicalTable.ADJUSTMENTS, CanonicalTable.DISPUTES, CanonicalTable.CONTACTS);
    /** Dates that name a day to come, so may be after the as-of date: when an invoice, promise or instalment falls due. */
    static final List<String> FUTURE_DATES = List.of("due_date", "promised_date");

    private RowRules() {
    }

    /**
     * Checks one record of {@code table} whose every field was read, and puts its codes in canonical form (upper
     * case currency, lower case kinds and channels) and an invoice's missing terms from its dates; throws the
     * first structural fault found.
     *
     * @param asOf   business dates after this day are rejected; null for no limit
     * @param bounds dates outside these are rejected, due dates too
     * @return the flaggable oddities of the record; empty when it has none
     */
    static List<FieldProblem> check(CanonicalTable table, Object[] record, LocalDate asOf, ValueBounds bounds) {
        List<FieldProblem> oddities = new ArrayList<>();
        for (CanonicalField field : table.fields()) {
            Object value = record[table.indexOf(field.name())];
            if ((field.type() == FieldType.MONEY || field.type() == FieldType.RATE) && value != null) {
                BigDecimal amount = (BigDecimal) value;
                boolean zeroAllowed = field.name().equals("credit_limit");
                if (amount.signum() < 0 && table == CanonicalTable.PAYMENTS && field.name().equals("amount")) {
                    oddities.add(new FieldProblem(RejectReason.PAYMENT_REVERSAL, field.name(), "amount "
                            + amount.toPlainString() + " is negative: a payment reversed (cash taken back)"));
                } else if (amount.signum() < 0 || (!zeroAllowed && amount.signum() == 0)) {
                    throw new FieldProblem(RejectReason.NON_POSITIVE_AMOUNT, field.name(),
                            field.name() + " " + amount.toPlainString() + " must be "
                                    + (zeroAllowed ? "zero or more" : "greater than zero"));
                }
            }
            if (field.type() == FieldType.DATE && value != null && !bounds.contains((LocalDate) value)) {
                throw new FieldProblem(RejectReason.DATE_OUT_OF_RANGE, field.name(), field.name() + " " + value
                        + " is outside the dates accepted, " + bounds.earliest() + " to " + bounds.latest()
                        + " (a placeholder for no date?)");
            }
            // One flag a record: the first of its dates after the as-of date says it. A rate for a later day is no
            // oddity of the ledger: a rates feed runs ahead of it, and a day reads the latest rate on or before it.
            if (field.type() == FieldType.DATE && value != null && asOf != null && !FUTURE_DATES.contains(field.name())
                    && table != CanonicalTable.EXCHANGE_RATES && ((LocalDate) value).isAfter(asOf)
                    && oddities.stream().noneMatch(o -> o.reason == RejectReason.DATED_AFTER_AS_OF)) {
                oddities.add(new FieldProblem(RejectReason.DATED_AFTER_AS_OF, field.name(),
                        field.name() + " " + value + " is after the as-of date " + asOf));
            }
        }
        switch (table) {
            case INVOICES -> checkInvoice(table, record, oddities);
            case EXCHANGE_RATES -> currencyCode(table, record);
            case PAYMENTS -> {
                OnAccountRule.check(table, record);
                givenCurrencyCode(table, record);
            }
            case ADJUSTMENTS -> {
                record[table.indexOf("kind")] = allowed(table, record, "kind", CanonicalTable.ADJUSTMENT_KINDS);
                OnAccountRule.check(table, record);
                givenCurrencyCode(table, record);
            }
            case DISPUTES -> {
                LocalDate opened = (LocalDate) record[table.indexOf("opened_date")];
                LocalDate resolved = (LocalDate) record[table.indexOf("resolved_date")];
                if (resolved != null && resolved.isBefore(opened)) {
                    throw new FieldProblem(RejectReason.DATE_ORDER, "resolved_date",
                            "resolved_date " + resolved + " is before opened_date " + opened);
                }
            }
            case CONTACTS -> {
                record[table.indexOf("channel")] = allowed(table, record, "channel", CanonicalTable.CONTACT_CHANNELS);
                if (record[table.indexOf("outcome")] != null) {
                    record[table.indexOf("outcome")] = allowed(table, record, "outcome",
                            CanonicalTable.CONTACT_OUTCOMES);
                }
            }
            case PROMISES -> {
                notBefore(table, record, "promised_date", "promised_on");
                givenCurrencyCode(table, record);
                InvoiceIdList.normalise(table, record);
            }
            case PLAN_INSTALMENTS -> {
                if ((Integer) record[table.indexOf("instalment")] < 1) {
                    throw new FieldProblem(RejectReason.BAD_NUMBER, "instalment", "instalment "
                            + record[table.indexOf("instalment")] + " must be 1 or more");
                }
                notBefore(table, record, "due_date", "agreed_on");
                givenCurrencyCode(table, record);
                InvoiceIdList.normalise(table, record);
            }
            default -> {
            }
        }
        return oddities;
    }

    /**
     * The payment, adjustment and dispute of a line that are dated before the line's own invoice, each with its
     * problem; empty when the line has no invoice or nothing on it is dated before it.
     *
     * @param records the line's records that passed {@link #check}, by table
     */
    static Map<CanonicalTable, FieldProblem> datedBeforeSameLineInvoice(Map<CanonicalTable, Object[]> records) {
        Map<CanonicalTable, FieldProblem> problems = new EnumMap<>(CanonicalTable.class);
        Object[] invoice = records.get(CanonicalTable.INVOICES);
        if (invoice == null) {
            return problems;
        }
        CanonicalTable invoices = CanonicalTable.INVOICES;
        Object invoiceId = invoice[invoices.indexOf("invoice_id")];
        LocalDate invoiceDate = (LocalDate) invoice[invoices.indexOf("invoice_date")];
        for (CanonicalTable dependent : DEPENDENTS) {
            Object[] record = records.get(dependent);
            if (record == null || !invoiceId.equals(record[dependent.indexOf("invoice_id")])) {
                continue;
            }
            String dateField = dependent.dateField().orElseThrow();
            LocalDate date = (LocalDate) record[dependent.indexOf(dateField)];
            if (date.isBefore(invoiceDate)) {
                problems.put(dependent, new FieldProblem(RejectReason.BEFORE_INVOICE, dateField, dateField + " " + date
                        + " is before invoice " + invoiceId + "'s invoice_date " + invoiceDate));
            }
        }
        return problems;
    }

    private static void checkInvoice(CanonicalTable table, Object[] record, List<FieldProblem> oddities) {
        LocalDate issued = (LocalDate) record[table.indexOf("invoice_date")];
        LocalDate due = (LocalDate) record[table.indexOf("due_date")];
        if (due.isBefore(issued)) {
            oddities.add(new FieldProblem(RejectReason.DUE_BEFORE_ISSUE, "due_date",
                    "due_date " + due + " is before invoice_date " + issued));
        }
        int terms = table.indexOf("terms_days");
        // Terms read off dates in the wrong order are negative, as the dates say; the ledger's EffectiveDates reads
        // them as 0 (due on issue).
        if (record[terms] == null) {
            record[terms] = (int) ChronoUnit.DAYS.between(issued, due);
        } else if ((Integer) record[terms] < 0) {
            throw new FieldProblem(RejectReason.BAD_NUMBER, "terms_days", "terms_days " + record[terms]
                    + " is negative");
        }
        currencyCode(table, record);
        if (record[table.indexOf("billing_channel")] != null) {
            record[table.indexOf("billing_channel")] = allowed(table, record, "billing_channel",
                    CanonicalTable.BILLING_CHANNELS);
        }
    }

    private static void notBefore(CanonicalTable table, Object[] record, String later, String earlier) {
        LocalDate late = (LocalDate) record[table.indexOf(later)];
        LocalDate early = (LocalDate) record[table.indexOf(earlier)];
        if (late.isBefore(early)) {
            throw new FieldProblem(RejectReason.DATE_ORDER, later, later + " " + late + " is before " + earlier + " "
                    + early);
        }
    }

    /** {@link #currencyCode} of an optional currency, when given. */
    private static void givenCurrencyCode(CanonicalTable table, Object[] record) {
        if (record[table.indexOf("currency")] != null) {
            currencyCode(table, record);
        }
    }

    /** Puts the record's currency in upper case; throws when it is not three letters. */
    private static void currencyCode(CanonicalTable table, Object[] record) {
        int currency = table.indexOf("currency");
        String code = ((String) record[currency]).toUpperCase(Locale.ROOT);
        if (!CURRENCY.matcher(code).matches()) {
            throw new FieldProblem(RejectReason.BAD_VALUE, "currency",
                    "currency '" + record[currency] + "' is not a three-letter ISO 4217 code");
        }
        record[currency] = code;
    }

    private static String allowed(CanonicalTable table, Object[] record, String field, List<String> allowed) {
        String value = ((String) record[table.indexOf(field)]).toLowerCase(Locale.ROOT);
        if (!allowed.contains(value)) {
            throw new FieldProblem(RejectReason.BAD_VALUE, field,
                    field + " '" + record[table.indexOf(field)] + "' is not one of " + allowed);
        }
        return value;
    }
}
