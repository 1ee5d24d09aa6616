package io.arscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.arscope.model.CanonicalTable;

/** The canonical rules on typed records, each failing with its reason code and an exact message. */
class RowRulesTest {

    private static final LocalDate AS_OF = LocalDate.of(2025, 6, 30);
    private static final LocalDate ISSUED = LocalDate.of(2025, 3, 7);

    /** A record of {@code table}: its canonical fields in order, then the derived flag. */
    private static Object[] record(Object... fieldsThenDerived) {
        return fieldsThenDerived;
    }

    private static Object[] invoice(LocalDate issued, LocalDate due, String amount, String currency, Integer terms,
            String channel) {
        return record("A-1", "K1", issued, due, new BigDecimal(amount), currency, null, terms, channel, false);
    }

    /** Checks a record within the default bounds. */
    private static void check(CanonicalTable table, Object[] record, LocalDate asOf) {
        RowRules.check(table, record, asOf, ValueBounds.DEFAULT);
    }

    private static String problem(CanonicalTable table, Object[] record, LocalDate asOf) {
        FieldProblem p = assertThrows(FieldProblem.class, () -> check(table, record, asOf));
        return p.reason + " " + p.field + ": " + p.getMessage();
    }

    private static String problem(Object[] invoice) {
        return problem(CanonicalTable.INVOICES, invoice, AS_OF);
    }

    @Test
    void anAcceptedInvoiceGetsCanonicalCodesAndTermsFromItsDates() {
        Object[] invoice = invoice(ISSUED, ISSUED.plusDays(30), "100.00", "usd", null, "Paper");
        check(CanonicalTable.INVOICES, invoice, AS_OF);
        assertEquals(Arrays.asList("A-1", "K1", ISSUED, ISSUED.plusDays(30), new BigDecimal("100.00"), "USD", null, 30,
                "paper", false), Arrays.asList(invoice));
        Object[] statedTerms = invoice(ISSUED, ISSUED.plusDays(30), "100.00", "EUR", 45, null);
        check(CanonicalTable.INVOICES, statedTerms, AS_OF);
        assertEquals(45, statedTerms[CanonicalTable.INVOICES.indexOf("terms_days")]);
    }

    /** A negative payment is a reversal, cash taken back: an oddity for the policy to flag; a zero one is nothing. */
    @Test
    void aNegativePaymentIsAReversalToFlag() {
        Object[] reversal = record("PAY-9", "A-1", "K1", ISSUED.plusDays(40), new BigDecimal("-24715.00"), null, null,
                false);
        assertEquals(List.of("PAYMENT_REVERSAL amount: amount -24715.00 is negative: a payment reversed (cash taken "
                + "back)"), oddities(CanonicalTable.PAYMENTS, reversal, AS_OF));
        assertEquals("NON_POSITIVE_AMOUNT amount: amount 0.00 must be greater than zero", problem(CanonicalTable.PAYMENTS,
                record("PAY-9", "A-1", "K1", ISSUED.plusDays(40), new BigDecimal("0.00"), null, null, false), AS_OF));
    }

    @Test
    void amountsMustBeAboveZeroAndACreditLimitAtLeastZero() {
        assertEquals("NON_POSITIVE_AMOUNT amount: amount 0.00 must be greater than zero",
                problem(invoice(ISSUED, ISSUED, "0.00", "USD", null, null)));
        assertEquals("NON_POSITIVE_AMOUNT amount: amount -3.00 must be greater than zero",
                problem(invoice(ISSUED, ISSUED, "-3.00", "USD", null, null)));
        check(CanonicalTable.CUSTOMERS,
                record("K1", null, null, null, null, new BigDecimal("0.00"), null, null, null, false), AS_OF);
        assertEquals("NON_POSITIVE_AMOUNT credit_limit: credit_limit -1.00 must be zero or more",
                problem(CanonicalTable.CUSTOMERS,
                        record("K1", null, null, null, null, new BigDecimal("-1.00"), null, null, null, false), AS_OF));
    }

    /**
     * A business date after the as-of date is an oddity returned for the policy to flag, once a record, not a fault:
     * an export taken later holds the payment of an invoice open on the as-of day. A due date may be later.
     */
    @Test
    void businessDatesAfterTheAsOfDateAreOdditiesButADueDateMayBeLater() {
        assertEquals(List.of("DATED_AFTER_AS_OF invoice_date: invoice_date 2025-07-01 is after the as-of date "
                        + "2025-06-30"),
                oddities(CanonicalTable.INVOICES, invoice(AS_OF.plusDays(1), AS_OF.plusDays(31), "1.00", "USD", null,
                        null), AS_OF));
        Object[] dispute = new Object[CanonicalTable.DISPUTES.fields().size()];
        dispute[CanonicalTable.DISPUTES.indexOf("dispute_id")] = "D1";
        dispute[CanonicalTable.DISPUTES.indexOf("invoice_id")] = "I1";
        dispute[CanonicalTable.DISPUTES.indexOf("opened_date")] = AS_OF.plusDays(2);
        dispute[CanonicalTable.DISPUTES.indexOf("resolved_date")] = AS_OF.plusDays(9);
        assertEquals(List.of("DATED_AFTER_AS_OF opened_date: opened_date 2025-07-02 is after the as-of date "
                + "2025-06-30"), oddities(CanonicalTable.DISPUTES, dispute, AS_OF));
        assertEquals(List.of(), oddities(CanonicalTable.INVOICES, invoice(AS_OF, AS_OF.plusDays(30), "1.00", "USD",
                null, null), AS_OF));
        assertEquals(List.of(), oddities(CanonicalTable.INVOICES, invoice(AS_OF.plusDays(1), AS_OF.plusDays(31), "1.00",
                "USD", null, null), null));
        // A rate for a later day is a rates feed running ahead of the ledger, no oddity of it.
        Object[] rate = new Object[CanonicalTable.EXCHANGE_RATES.fields().size()];
        rate[CanonicalTable.EXCHANGE_RATES.indexOf("rate_date")] = AS_OF.plusDays(1);
        rate[CanonicalTable.EXCHANGE_RATES.indexOf("currency")] = "USD";
        rate[CanonicalTable.EXCHANGE_RATES.indexOf("rate")] = new BigDecimal("0.9000000000");
        assertEquals(List.of(), oddities(CanonicalTable.EXCHANGE_RATES, rate, AS_OF));
    }

    private static List<String> oddities(CanonicalTable table, Object[] record, LocalDate asOf) {
        return RowRules.check(table, record, asOf, ValueBounds.DEFAULT).stream()
                .map(p -> p.reason + " " + p.field + ": " + p.getMessage()).toList();
    }

    @Test
    void placeholderDatesAreRejectedDueDatesIncludedAndTheBoundsThemselvesAccepted() {
        // A due date of 9999-12-31 once went through and showed as 2.9 million days from due.
        assertEquals("DATE_OUT_OF_RANGE due_date: due_date 9999-12-31 is outside the dates accepted, 1900-01-01 to "
                + "2099-12-31 (a placeholder for no date?)",
                problem(invoice(ISSUED, LocalDate.of(9999, 12, 31), "1.00", "USD", null, null)));
        // 0001-01-01 once reached the Parquet writer, which refused it and ended the run.
        assertEquals("DATE_OUT_OF_RANGE customer_since: customer_since 0001-01-01 is outside the dates accepted, "
                + "1900-01-01 to 2099-12-31 (a placeholder for no date?)",
                problem(CanonicalTable.CUSTOMERS, record("K1", null, null, null, null, null, null, null,
                        LocalDate.of(1, 1, 1), false), AS_OF));
        assertEquals("DATE_OUT_OF_RANGE invoice_date: invoice_date 1899-12-31 is outside the dates accepted, "
                + "1900-01-01 to 2099-12-31 (a placeholder for no date?)",
                problem(invoice(LocalDate.of(1899, 12, 31), ISSUED, "1.00", "USD", null, null)));
        // Out of range comes before after-as-of: the date is not a date at all, rather than a late one.
        assertEquals("DATE_OUT_OF_RANGE invoice_date: invoice_date 2100-01-01 is outside the dates accepted, "
                + "1900-01-01 to 2099-12-31 (a placeholder for no date?)",
                problem(invoice(LocalDate.of(2100, 1, 1), LocalDate.of(2100, 1, 1), "1.00", "USD", null, null)));
        check(CanonicalTable.INVOICES, invoice(LocalDate.of(1900, 1, 1), LocalDate.of(2099, 12, 31), "1.00", "USD",
                null, null), AS_OF);
    }

    @Test
    void theDateBoundsAreTheRunsOwn() {
        ValueBounds recent = new ValueBounds(LocalDate.of(2020, 1, 1), LocalDate.of(2030, 12, 31));
        FieldProblem p = assertThrows(FieldProblem.class, () -> RowRules.check(CanonicalTable.INVOICES,
                invoice(ISSUED, LocalDate.of(2031, 1, 1), "1.00", "USD", null, null), AS_OF, recent));
        assertEquals("DATE_OUT_OF_RANGE due_date: due_date 2031-01-01 is outside the dates accepted, 2020-01-01 to "
                + "2030-12-31 (a placeholder for no date?)", p.reason + " " + p.field + ": " + p.getMessage());
        RowRules.check(CanonicalTable.INVOICES, invoice(LocalDate.of(2020, 1, 1), LocalDate.of(2030, 12, 31), "1.00",
                "USD", null, null), AS_OF, recent);
    }

    @Test
    void boundsStartNoEarlierThanTheGregorianCalendarAndEndNoEarlierThanTheyStart() {
        assertEquals("the earliest date accepted must be on or after 1582-10-15, the first day of the Gregorian "
                + "calendar; was 1582-10-14", assertThrows(IllegalArgumentException.class,
                        () -> new ValueBounds(LocalDate.of(1582, 10, 14), LocalDate.of(2000, 1, 1))).getMessage());
        assertEquals("the latest date accepted (1999-12-31) is before the earliest (2000-01-01)",
                assertThrows(IllegalArgumentException.class,
                        () -> new ValueBounds(LocalDate.of(2000, 1, 1), LocalDate.of(1999, 12, 31))).getMessage());
        ValueBounds oneDay = new ValueBounds(LocalDate.of(2000, 1, 1), LocalDate.of(2000, 1, 1));
        assertEquals(List.of(false, true, false), List.of(oneDay.contains(LocalDate.of(1999, 12, 31)),
                oneDay.contains(LocalDate.of(2000, 1, 1)), oneDay.contains(LocalDate.of(2000, 1, 2))));
    }

    @Test
    void anInvoiceNeedsNonNegativeTermsAndKnownCodes() {
        assertEquals("BAD_NUMBER terms_days: terms_days -5 is negative",
                problem(invoice(ISSUED, ISSUED, "1.00", "USD", -5, null)));
        assertEquals("BAD_VALUE currency: currency 'US$' is not a three-letter ISO 4217 code",
                problem(invoice(ISSUED, ISSUED, "1.00", "US$", null, null)));
        assertEquals("BAD_VALUE billing_channel: billing_channel 'Fax' is not one of [paper, electronic]",
                problem(invoice(ISSUED, ISSUED, "1.00", "USD", null, "Fax")));
    }

    @Test
    void anInvoiceDueBeforeItsIssueIsAnOddityNotAFaultAndItsTermsAreReadOffItsDates() {
        Object[] early = invoice(ISSUED, LocalDate.of(2025, 3, 1), "1.00", "usd", null, "Paper");
        List<FieldProblem> oddities = RowRules.check(CanonicalTable.INVOICES, early, AS_OF, ValueBounds.DEFAULT);
        assertEquals(List.of("DUE_BEFORE_ISSUE due_date: due_date 2025-03-01 is before invoice_date 2025-03-07"),
                oddities.stream().map(p -> p.reason + " " + p.field + ": " + p.getMessage()).toList());
        // The other rules still ran: codes in canonical form, and terms as the dates say (the ledger reads them as 0).
        assertEquals(List.of("USD", "paper", -6), List.of(early[CanonicalTable.INVOICES.indexOf("currency")],
                early[CanonicalTable.INVOICES.indexOf("billing_channel")],
                early[CanonicalTable.INVOICES.indexOf("terms_days")]));
        // A fault on the same invoice is thrown: it rejects whatever the oddity would do.
        assertEquals("BAD_VALUE currency: currency 'US$' is not a three-letter ISO 4217 code",
                problem(invoice(ISSUED, LocalDate.of(2025, 3, 1), "1.00", "US$", null, null)));
        assertEquals(List.of(), RowRules.check(CanonicalTable.INVOICES, invoice(ISSUED, ISSUED, "1.00", "USD", null,
                null), AS_OF, ValueBounds.DEFAULT));
    }

    @Test
    void anAdjustmentIsACreditMemoOrAWriteOff() {
        Object[] adjustment = record("J-1", "A-1", null, ISSUED, new BigDecimal("5.00"), "Credit_Memo", null, null,
                false);
        check(CanonicalTable.ADJUSTMENTS, adjustment, AS_OF);
        assertEquals("credit_memo", adjustment[CanonicalTable.ADJUSTMENTS.indexOf("kind")]);
        assertEquals("BAD_VALUE kind: kind 'refund' is not one of [credit_memo, write_off]",
                problem(CanonicalTable.ADJUSTMENTS,
                        record("J-1", "A-1", null, ISSUED, new BigDecimal("5.00"), "refund", null, null, false),
                        AS_OF));
    }

    @Test
    void aDisputeIsNotResolvedBeforeItOpens() {
        check(CanonicalTable.DISPUTES, record("D-1", "A-1", ISSUED, ISSUED, null, false), AS_OF);
        assertEquals("DATE_ORDER resolved_date: resolved_date 2025-03-01 is before opened_date 2025-03-07",
                problem(CanonicalTable.DISPUTES, record("D-1", "A-1", ISSUED, LocalDate.of(2025, 3, 1), null, false),
                        AS_OF));
    }

    @Test
    void onlyWhatSettlesOrDisputesTheLinesOwnInvoiceBeforeItsDateIsCaught() {
        LocalDate before = ISSUED.minusDays(6);
        Map<CanonicalTable, Object[]> records = new EnumMap<>(CanonicalTable.class);
        records.put(CanonicalTable.DISPUTES, record("D-1", "A-1", before, null, null, false));
        records.put(CanonicalTable.PAYMENTS, record("P-1", "A-1", null, before, new BigDecimal("1.00"), null, null,
                false));
        records.put(CanonicalTable.ADJUSTMENTS,
                record("J-1", "B-9", null, before, new BigDecimal("1.00"), "write_off", null, null, false));
        assertEquals(Map.of(), RowRules.datedBeforeSameLineInvoice(records));

        records.put(CanonicalTable.INVOICES, invoice(ISSUED, ISSUED, "1.00", "USD", 0, null));
        Map<CanonicalTable, FieldProblem> problems = RowRules.datedBeforeSameLineInvoice(records);
        assertEquals(List.of(CanonicalTable.PAYMENTS, CanonicalTable.DISPUTES), List.copyOf(problems.keySet()));
        assertEquals(List.of(
                "BEFORE_INVOICE payment_date: payment_date 2025-03-01 is before invoice A-1's invoice_date 2025-03-07",
                "BEFORE_INVOICE opened_date: opened_date 2025-03-01 is before invoice A-1's invoice_date 2025-03-07"),
                problems.values().stream().map(p -> p.reason + " " + p.field + ": " + p.getMessage()).toList());

        records.put(CanonicalTable.PAYMENTS, record("P-1", "A-1", null, ISSUED, new BigDecimal("1.00"), null, null,
                false));
        records.remove(CanonicalTable.DISPUTES);
        assertEquals(Map.of(), RowRules.datedBeforeSameLineInvoice(records));
    }
}
