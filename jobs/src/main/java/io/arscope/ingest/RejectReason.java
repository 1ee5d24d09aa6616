package io.arscope.ingest;

/**
 * The validation rules, by code: why an input row was rejected, or what a flagged row broke. The code is stable
 * and machine-readable (it is what the rejects, {@code quality_flags}, the reconciliation and the data-quality
 * table group by, and what a mapping's {@code quality:} key names); the message of each row says the specifics.
 * Most rules are structural faults, which always reject; the few {@link #flaggable()} ones are business oddities
 * of a complete record, which {@link QualityPolicy} flags by default.
 */
public enum RejectReason {
    /** The record holds bytes its source's encoding does not define, or a NUL character. */
    BAD_ENCODING,
    /** The record does not split into the header's columns (quotes included), or is not a JSON object. */
    MALFORMED_ROW,
    /** A required field is empty (customer_id of an on-account item, invoice_id of a write-off among them). */
    MISSING_FIELD,
    /** A date that none of the configured formats reads, or that does not exist. */
    BAD_DATE,
    /** A date, due dates included, outside the run's {@link ValueBounds}: a placeholder such as 0001-01-01. */
    DATE_OUT_OF_RANGE,
    /** An amount that is not a number, has more than two decimal places, or is too long to be one. */
    BAD_AMOUNT,
    /** An amount beyond {@link ValueBounds#MAX_AMOUNT} either way. */
    AMOUNT_OUT_OF_RANGE,
    /** A whole number (of days, or an instalment's number) that is not one, or is out of its range. */
    BAD_NUMBER,
    /** A code outside its allowed values (currency, billing channel, adjustment kind, contact channel or outcome, flag). */
    BAD_VALUE,
    /** A negative amount, which is a credit, on a row whose debit/credit indicator says debit. */
    DEBIT_CREDIT_CONFLICT,
    /** An amount that must be above zero is zero or negative (a payment's may be negative: {@link #PAYMENT_REVERSAL}). */
    NON_POSITIVE_AMOUNT,
    /**
     * A dispute resolved before it was opened, a promise to pay by a day before it was made, or a plan instalment
     * due before the plan was agreed.
     */
    DATE_ORDER,
    /** An invoice due before it was issued. Flaggable: for analysis it is due on its issue date. */
    DUE_BEFORE_ISSUE,
    /**
     * A business date after the run's as-of date: a row of an export taken after that day, such as the payment of an
     * invoice open on it. Flaggable: the record is kept, and the jobs, which read the ledger as it stood at the end of
     * their as-of day, leave it out until then. Rejecting it would drop the rest of its line with it (the invoice an
     * export's line settles), and with it the balance open on the as-of day.
     */
    DATED_AFTER_AS_OF,
    /**
     * A payment, credit memo, write-off or dispute dated before its invoice. Flaggable: for analysis it counts on
     * the invoice date.
     */
    BEFORE_INVOICE,
    /** The row's id was already used by an earlier accepted row. */
    DUPLICATE_ID,
    /**
     * An invoice, an on-account payment or credit memo, or a contact, promise or plan instalment, whose customer is
     * not among the customers.
     */
    UNKNOWN_CUSTOMER,
    /** A payment, adjustment, dispute or contact for an invoice that no input row has, or a promise or plan listing one. */
    UNKNOWN_INVOICE,
    /** A payment, adjustment, dispute or contact whose invoice was itself rejected, or a promise or plan listing one. */
    REJECTED_INVOICE,
    /**
     * A payment, adjustment or contact that names a customer other than its invoice's, or a promise or plan that
     * lists another customer's invoice. Flaggable: a payment settles the invoice it names, so it counts for that
     * invoice's customer; a promise or plan counts the payments of its own customer.
     */
    CUSTOMER_MISMATCH,
    /** A payment or adjustment that names a currency other than its invoice's ({@link ItemCurrency}). */
    CURRENCY_MISMATCH,
    /** The row met no target's condition in the mapping, so it would produce nothing. */
    NO_RECORD,
    /**
     * An invoice, payment or adjustment in a currency that has exchange rates, dated before its first: ingest flags
     * it ({@link MissingRateRule}); the analysis jobs, which know the reporting currency, refuse such a ledger,
     * naming the currency, the date and the earliest row ({@link io.arscope.ledger.ReportingCurrency#MISSING_RATE}).
     */
    MISSING_RATE,
    /**
     * A payment of a negative amount: cash taken back, as a reversed receipt, a returned cheque, or unapplied cash
     * refunded or applied elsewhere. Flaggable: applied to an invoice it reopens what the payment settled, from its
     * date; on account it reduces the customer's unapplied cash. Rejecting it would leave the invoice settled, and AR
     * short by its amount, from that day on.
     */
    PAYMENT_REVERSAL;

    /**
     * Whether a row breaking this rule may be accepted with a flag: the record is complete and consistent in
     * itself, and only its business meaning is odd. Every other rule is a structural fault.
     */
    public boolean flaggable() {
        return this == DUE_BEFORE_ISSUE || this == DATED_AFTER_AS_OF || this == BEFORE_INVOICE
                || this == CUSTOMER_MISMATCH || this == MISSING_RATE || this == PAYMENT_REVERSAL;
    }
}
