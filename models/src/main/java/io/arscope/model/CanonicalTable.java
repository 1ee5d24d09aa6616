package io.arscope.model;

import static io.arscope.model.CanonicalField.optional;
import static io.arscope.model.CanonicalField.required;
import static io.arscope.model.FieldType.DATE;
import static io.arscope.model.FieldType.DAYS;
import static io.arscope.model.FieldType.MONEY;
import static io.arscope.model.FieldType.RATE;
import static io.arscope.model.FieldType.TEXT;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The canonical receivables model: the tables every Arscope job reads, whatever the source system: five of the
 * receivables, the exchange rates that convert them into one reporting currency when they are in several, and three
 * of collection activity (contacts, promises to pay, payment-plan instalments).
 * Each table has a key, a business date that its stored files are partitioned by (month of that date),
 * and typed columns. Money is DECIMAL(18,2) and amounts are positive: a credit memo reduces what the
 * customer owes by its amount, it is not stored as a negative invoice. A payment or credit memo with no invoice
 * is on account: it reduces its customer's balance from its date on, without settling any invoice.
 */
public enum CanonicalTable {
    CUSTOMERS("customers", "customer_id", null,
            "One row per customer (the bill-to account).",
            required("customer_id", TEXT, "Customer account id, unique."),
            optional("name", TEXT, "Customer name."),
            optional("country", TEXT, "Country or country code."),
            optional("region", TEXT, "Sales or collection region."),
            optional("segment", TEXT, "Customer segment, such as Enterprise or Small business."),
            optional("credit_limit", MONEY, "Credit limit in the customer's currency."),
            optional("terms_days", DAYS, "Default payment terms in days (net N)."),
            optional("collector", TEXT, "Collector or account owner responsible for the customer."),
            optional("customer_since", DATE, "Date the customer relationship started.")),

    INVOICES("invoices", "invoice_id", "invoice_date",
            "One row per invoice (a credit sale).",
            required("invoice_id", TEXT, "Invoice number, unique. Kept as text: leading zeros matter."),
            required("customer_id", TEXT, "The customer billed."),
            required("invoice_date", DATE, "Date of issue."),
            required("due_date", DATE, "Date payment is due under the invoice's own terms."),
            required("amount", MONEY, "Invoiced amount, greater than zero."),
            required("currency", TEXT, "ISO 4217 currency code, three letters."),
            optional("business_unit", TEXT, "Business unit or company code that issued it."),
            optional("terms_days", DAYS, "Payment terms in days; due date minus invoice date when absent."),
            optional("billing_channel", TEXT, "How the invoice was sent: paper or electronic.")),

    PAYMENTS("payments", "payment_id", "payment_date",
            "One row per cash receipt applied to one invoice, or received on account (applied to none); an invoice "
                    + "may have several (partial payments).",
            required("payment_id", TEXT, "Payment or remittance line id, unique."),
            optional("invoice_id", TEXT, "The invoice the cash was applied to; empty for cash received on account."),
            optional("customer_id", TEXT, "The paying customer; must be the invoice's customer when given; required "
                    + "when invoice_id is empty."),
            required("payment_date", DATE, "Date the cash was received, not before the invoice date."),
            required("amount", MONEY, "Amount applied, not zero; negative for a reversal, cash taken back "
                    + "(`PAYMENT_REVERSAL`, flagged): it reopens what it reverses."),
            optional("method", TEXT, "Payment method, such as wire, ach, check or card."),
            optional("currency", TEXT, "ISO 4217 code of the amount, three letters; must be the invoice's currency "
                    + "when given; ingest fills it: the invoice's, else, on account, the one currency the customer "
                    + "is billed in (required when it is billed in several).")),

    ADJUSTMENTS("adjustments", "adjustment_id", "adjustment_date",
            "Credit memos and write-offs: non-cash reductions of an invoice's open amount, or credit memos on "
                    + "account (allocated to no invoice).",
            required("adjustment_id", TEXT, "Credit memo or write-off id, unique."),
            optional("invoice_id", TEXT, "The invoice it reduces; empty for a credit memo on account. A write-off "
                    + "always names its invoice."),
            optional("customer_id", TEXT, "The customer; must be the invoice's customer when given; required when "
                    + "invoice_id is empty."),
            required("adjustment_date", DATE, "Date it was booked, not before the invoice date."),
            required("amount", MONEY, "Amount it reduces the invoice by, greater than zero."),
            required("kind", TEXT, "credit_memo or write_off."),
            optional("reason", TEXT, "Why it was issued."),
            optional("currency", TEXT, "ISO 4217 code of the amount, three letters; must be the invoice's currency "
                    + "when given; ingest fills it: the invoice's, else, on account, the one currency the customer "
                    + "is billed in (required when it is billed in several).")),

    DISPUTES("disputes", "dispute_id", "opened_date",
            "Disputes raised against invoices, open until resolved.",
            required("dispute_id", TEXT, "Dispute case id, unique."),
            required("invoice_id", TEXT, "The disputed invoice."),
            required("opened_date", DATE, "Date the dispute was raised."),
            optional("resolved_date", DATE, "Date it was resolved; empty while open."),
            optional("reason", TEXT, "Reason given, such as pricing, quantity or quality.")),

    EXCHANGE_RATES("exchange_rates", List.of("currency", "rate_date"), "rate_date",
            "Exchange rates into the reporting currency: one row per currency and day a rate was fixed.",
            required("rate_date", DATE, "Day the rate applies from; it holds until the currency's next rate."),
            required("currency", TEXT, "ISO 4217 code of the currency converted, three letters."),
            required("rate", RATE, "Units of the reporting currency one unit of the currency is worth, greater "
                    + "than zero; ten decimal places, a rate written with more (the float an ERP holds, Odoo's "
                    + "`0.9246417013407304`) rounded half-even to ten.")),

    CONTACTS("contacts", "contact_id", "contact_date",
            "Collection contacts: one row per call, email, letter, portal message or visit to a customer.",
            required("contact_id", TEXT, "Contact id, unique."),
            required("customer_id", TEXT, "The customer contacted."),
            optional("invoice_id", TEXT, "The invoice the contact was about; must be the customer's; empty for the "
                    + "customer's balance."),
            required("contact_date", DATE, "Day of the contact."),
            required("channel", TEXT, "call, email, letter, portal or visit."),
            optional("outcome", TEXT, "reached, no_answer, left_message, promised, disputed, refused or "
                    + "wrong_contact."),
            optional("collector", TEXT, "Who made the contact.")),

    PROMISES("promises", "promise_id", "promised_on",
            "Promises to pay: one row per promise a customer made. Whether it was kept is derived from the payments, "
                    + "never entered.",
            required("promise_id", TEXT, "Promise id, unique."),
            required("customer_id", TEXT, "The customer who promised."),
            optional("invoice_ids", TEXT, "The invoices promised for, ids separated by ';', each the customer's; "
                    + "empty for the customer's balance."),
            required("promised_on", DATE, "Day the promise was made."),
            required("promised_date", DATE, "Day the customer promised to pay by, not before promised_on; may be "
                    + "after the as-of date."),
            required("amount", MONEY, "Amount promised, greater than zero."),
            optional("currency", TEXT, "ISO 4217 code of the amount, three letters; when given, only payments in "
                    + "it count towards the promise."),
            optional("collector", TEXT, "Who took the promise.")),

    PLAN_INSTALMENTS("plan_instalments", List.of("plan_id", "instalment"), "agreed_on",
            "Payment plans: one row per instalment of a plan agreed with a customer. Whether each was met is derived "
                    + "from the payments, never entered.",
            required("plan_id", TEXT, "Payment plan id; its instalments share it."),
            required("instalment", DAYS, "Instalment number within the plan: 1, 2, ..."),
            required("customer_id", TEXT, "The customer the plan was agreed with."),
            optional("invoice_ids", TEXT, "The invoices the plan settles, ids separated by ';', each the customer's; "
                    + "empty for the customer's balance."),
            required("agreed_on", DATE, "Day the plan was agreed."),
            required("due_date", DATE, "Day this instalment is due, not before agreed_on; may be after the as-of "
                    + "date."),
            required("amount", MONEY, "Amount of this instalment, greater than zero."),
            optional("currency", TEXT, "ISO 4217 code of the amount, three letters; when given, only payments in "
                    + "it count towards the plan."));

    /** The channels a contact may name. */
    public static final List<String> CONTACT_CHANNELS = List.of("call", "email", "letter", "portal", "visit");

    /** The outcomes a contact may name. */
    public static final List<String> CONTACT_OUTCOMES = List.of("reached", "no_answer", "left_message", "promised",
            "disputed", "refused", "wrong_contact");

    /** The separator of the invoice ids a promise or plan lists. */
    public static final String INVOICE_ID_SEPARATOR = ";";

    /** The kinds an adjustment may be. */
    public static final List<String> ADJUSTMENT_KINDS = List.of("credit_memo", "write_off");

    /** The billing channels an invoice may name. */
    public static final List<String> BILLING_CHANNELS = List.of("paper", "electronic");

    /** Name of the partition column written beside tables that have a business date: yyyy-MM. */
    public static final String MONTH_PARTITION = "month";

    /**
     * Name of the text column every stored table has after its fields: the codes of the data-quality rules the row
     * broke and was accepted with (flagged), joined by ";"; null for a clean row. Ingest fills it; it is not a
     * field a mapping can set.
     */
    public static final String QUALITY_FLAGS = "quality_flags";

    private final String tableName;
    private final List<String> keyFields;
    private final String dateField;
    private final String meaning;
    private final List<CanonicalField> fields;

    CanonicalTable(String tableName, String keyField, String dateField, String meaning, CanonicalField... fields) {
        this(tableName, List.of(keyField), dateField, meaning, fields);
    }

    CanonicalTable(String tableName, List<String> keyFields, String dateField, String meaning,
            CanonicalField... fields) {
        this.tableName = tableName;
        this.keyFields = List.copyOf(keyFields);
        this.dateField = dateField;
        this.meaning = meaning;
        this.fields = List.of(fields);
    }

    public String tableName() {
        return tableName;
    }

    /**
     * The field that identifies a row of a table keyed by one field; duplicates of it are rejected. A table keyed
     * by several ({@link #EXCHANGE_RATES}) has none: use {@link #keyFields()}.
     */
    public String keyField() {
        if (keyFields.size() != 1) {
            throw new IllegalStateException(tableName + " is keyed by " + keyFields + ", not one field");
        }
        return keyFields.get(0);
    }

    /** The fields that together identify a row; a second row with the same values of all of them is rejected. */
    public List<String> keyFields() {
        return keyFields;
    }

    /** The business date whose month partitions the stored table; empty for customers. */
    public Optional<String> dateField() {
        return Optional.ofNullable(dateField);
    }

    public String meaning() {
        return meaning;
    }

    public List<CanonicalField> fields() {
        return fields;
    }

    public Optional<CanonicalField> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public int indexOf(String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(tableName + " has no field " + name);
    }

    /** The Spark schema of the table's rows, fields in declaration order, required fields not nullable. */
    public StructType schema() {
        StructField[] structFields = fields.stream()
                .map(f -> DataTypes.createStructField(f.name(), f.type().sparkType(), !f.required()))
                .toArray(StructField[]::new);
        return DataTypes.createStructType(structFields);
    }

    public static CanonicalTable byName(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(t -> t.tableName.equals(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown canonical table '" + name
                        + "'; expected one of " + Arrays.stream(values()).map(CanonicalTable::tableName).toList()));
    }
}
