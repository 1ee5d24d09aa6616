package io.arscope.worklist;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import io.arscope.activity.ActivityConfig;
import io.arscope.activity.CollectionActivity;
import io.arscope.activity.PlanStatus;
import io.arscope.activity.PromiseStatus;
import io.arscope.ledger.ReceivablesLedger;
import io.arscope.model.CanonicalTable;
import io.arscope.risk.InvoiceCurrency;

/**
 * What a collector needs to know of a customer's collection activity on the as-of day, one row per customer that
 * has any: its last contact, its most urgent promise to pay and its earliest plan instalment that is due or missed.
 *
 * <p>The last contact is the latest by date (the highest contact id among several that day). Kept promises are
 * not shown; of the rest the most urgent is shown: broken, then partly kept, then pending with its promised date
 * on the as-of day, then pending; among equals the earliest promised date, then the lowest id. The instalment
 * shown is the earliest by due date that is {@value PlanStatus#DUE} or {@value PlanStatus#MISSED}; a missed
 * instalment is no longer shown once a later instalment of its plan is met (the plan has caught up). A promise or
 * plan that lists invoices is shown only while one of them is open: once they are all paid or written off, there
 * is nothing left to chase for it, however it was kept.
 */
final class CustomerActivity {

    /** Columns beside those of {@link WorklistTables}: the currency of the promise and plan, and the instalment. */
    static final String PROMISE_CURRENCY = "promise_currency";
    static final String PLAN_CURRENCY = "plan_currency";
    static final String PLAN_INSTALMENT = "plan_instalment";
    /**
     * The customer's pending promises, each its listed invoices (null when it lists none) and promised date:
     * what {@link #promisedBy} reads.
     */
    static final String PENDING_PROMISES = "pending_promises";
    private static final StructType PENDING_PROMISE = DataTypes.createStructType(List.of(
            DataTypes.createStructField("invoice_ids", DataTypes.StringType, true),
            DataTypes.createStructField("promised_date", DataTypes.DateType, true)));

    static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("activity_customer", DataTypes.StringType, false),
            field(WorklistTables.LAST_CONTACT_DATE), field(WorklistTables.LAST_CONTACT_CHANNEL),
            field(WorklistTables.LAST_CONTACT_OUTCOME), field(WorklistTables.DAYS_SINCE_CONTACT),
            field(WorklistTables.PROMISE_STATUS), field(WorklistTables.PROMISE_DATE),
            field(WorklistTables.PROMISE_AMOUNT),
            DataTypes.createStructField(PROMISE_CURRENCY, DataTypes.StringType, true),
            field(WorklistTables.PLAN_INSTALMENT_DUE), field(WorklistTables.PLAN_INSTALMENT_STATUS),
            field(WorklistTables.PLAN_INSTALMENT_AMOUNT),
            DataTypes.createStructField(PLAN_CURRENCY, DataTypes.StringType, true),
            DataTypes.createStructField(PLAN_INSTALMENT, DataTypes.IntegerType, true),
            DataTypes.createStructField(PENDING_PROMISES, DataTypes.createArrayType(PENDING_PROMISE, true), true)));

    private CustomerActivity() {
    }

    /** No activity: every activity column of the worklist stays empty. */
    static Dataset<Row> none(SparkSession spark) {
        return spark.createDataFrame(List.of(), SCHEMA);
    }

    /**
     * @param activity     the collection activity, read as a whole; only what stood at {@code asOf} counts
     * @param ledger       the ledger as of {@code asOf}, its amounts as stored (promises are in their own currency)
     * @param openInvoices the worklist's open invoices, column {@code invoice_id}
     */
    static Dataset<Row> of(CollectionActivity activity, ReceivablesLedger ledger, Dataset<Row> openInvoices,
            LocalDate asOf, ActivityConfig config) {
        CollectionActivity known = activity.asOf(asOf);
        Dataset<Row> open = openInvoices.select(col("invoice_id").as("open_invoice")).distinct();

        Dataset<Row> contacts = known.contacts().groupBy(col("customer_id").as("k_customer"))
                .agg(max(struct(col("contact_date"), col("contact_id"), col("channel"), col("outcome"))).as("k"))
                .select(col("k_customer"), col("k.contact_date").as(WorklistTables.LAST_CONTACT_DATE.name()),
                        col("k.channel").as(WorklistTables.LAST_CONTACT_CHANNEL.name()),
                        col("k.outcome").as(WorklistTables.LAST_CONTACT_OUTCOME.name()),
                        datediff(lit(asOf), col("k.contact_date")).as(WorklistTables.DAYS_SINCE_CONTACT.name()));

        Dataset<Row> judged = stillOpen(PromiseStatus.of(known.promises(), ledger.payments(), ledger.invoices(),
                asOf, config).filter(col("status").notEqual(PromiseStatus.KEPT)), col("promise_id"), open);
        Column urgency = when(col("status").equalTo(PromiseStatus.BROKEN), lit(0))
                .when(col("status").equalTo(PromiseStatus.PARTLY_KEPT), lit(1))
                .when(col("promised_date").equalTo(lit(asOf)), lit(2)).otherwise(lit(3));
        Dataset<Row> promises = judged.groupBy(col("customer_id").as("p_customer"))
                .agg(min(struct(urgency.as("urgency"), col("promised_date"), col("promise_id"), col("status"),
                        col("amount"), col("currency"))).as("p"))
                .select(col("p_customer"), col("p.status").as(WorklistTables.PROMISE_STATUS.name()),
                        col("p.promised_date").as(WorklistTables.PROMISE_DATE.name()),
                        col("p.amount").as(WorklistTables.PROMISE_AMOUNT.name()),
                        col("p.currency").as(PROMISE_CURRENCY));
        Dataset<Row> pending = judged.filter(col("status").equalTo(PromiseStatus.PENDING))
                .groupBy(col("customer_id").as("q_customer"))
                .agg(collect_list(struct(col("invoice_ids"), col("promised_date"))).as(PENDING_PROMISES));

        Column caughtUp = max(when(col("status").equalTo(PlanStatus.MET), col("instalment")))
                .over(Window.partitionBy(col("plan_id")));
        Dataset<Row> instalments = PlanStatus.of(known.planInstalments(), ledger.payments(), ledger.invoices(),
                        asOf, config)
                .withColumn("caught_up", caughtUp)
                .filter(col("status").equalTo(PlanStatus.DUE).or(col("status").equalTo(PlanStatus.MISSED)
                        .and(col("caught_up").isNull().or(col("caught_up").lt(col("instalment"))))));
        Dataset<Row> plans = stillOpen(instalments, struct(col("plan_id"), col("instalment")), open)
                .groupBy(col("customer_id").as("i_customer"))
                .agg(min(struct(col("due_date"), col("plan_id"), col("instalment"), col("status"), col("amount"),
                        col("currency"))).as("i"))
                .select(col("i_customer"), col("i.due_date").as(WorklistTables.PLAN_INSTALMENT_DUE.name()),
                        col("i.status").as(WorklistTables.PLAN_INSTALMENT_STATUS.name()),
                        col("i.amount").as(WorklistTables.PLAN_INSTALMENT_AMOUNT.name()),
                        col("i.currency").as(PLAN_CURRENCY), col("i.instalment").as(PLAN_INSTALMENT));

        Dataset<Row> customers = contacts.select(col("k_customer").as("activity_customer"))
                .union(promises.select(col("p_customer"))).union(plans.select(col("i_customer"))).distinct();
        Dataset<Row> rows = customers
                .join(contacts, col("activity_customer").equalTo(col("k_customer")), "left")
                .join(promises, col("activity_customer").equalTo(col("p_customer")), "left")
                .join(plans, col("activity_customer").equalTo(col("i_customer")), "left")
                .join(pending, col("activity_customer").equalTo(col("q_customer")), "left");
        // The pending promises as collected: a cast to the schema's nullability, which the optimizer drops, left a
        // checkpoint of the worklist warning that its plans' types differ.
        return rows.select(Arrays.stream(SCHEMA.fieldNames()).map(n -> n.equals(PENDING_PROMISES) ? col(n)
                : col(n).cast(SCHEMA.apply(n).dataType()).as(n)).toArray(Column[]::new));
    }

    /**
     * What a collector must follow up, added to the next action of each of the customer's rows: a promise that is
     * broken, partly kept or due today, and a plan instalment that is due or missed; empty when there is none.
     * Amounts are in the promise's or plan's currency, the row's when it names none.
     *
     * @param r a scored invoice joined with its customer's row of {@link #of}
     */
    static String actionNote(Row r, String rowCurrency, LocalDate asOf) {
        List<String> notes = new ArrayList<>();
        String promise = WorklistTables.PROMISE_STATUS.of(r);
        if (promise != null) {
            LocalDate by = WorklistTables.PROMISE_DATE.of(r);
            String amount = InvoiceCurrency.shown(WorklistTables.PROMISE_AMOUNT.of(r),
                    Objects.requireNonNullElse(r.getAs(PROMISE_CURRENCY), rowCurrency));
            if (PromiseStatus.BROKEN.equals(promise)) {
                notes.add("promise to pay " + amount + " by " + by + " broken");
            } else if (PromiseStatus.PARTLY_KEPT.equals(promise)) {
                notes.add("promise to pay " + amount + " by " + by + " kept only in part");
            } else if (by.equals(asOf)) {
                notes.add("promise to pay " + amount + " due today");
            }
        }
        String plan = WorklistTables.PLAN_INSTALMENT_STATUS.of(r);
        if (plan != null) {
            notes.add("plan instalment " + r.getAs(PLAN_INSTALMENT) + " of " + InvoiceCurrency.shown(
                    WorklistTables.PLAN_INSTALMENT_AMOUNT.of(r),
                    Objects.requireNonNullElse(r.getAs(PLAN_CURRENCY), rowCurrency)) + " "
                    + (PlanStatus.MISSED.equals(plan) ? "missed (due " + WorklistTables.PLAN_INSTALMENT_DUE.of(r) + ")"
                    : "due " + WorklistTables.PLAN_INSTALMENT_DUE.of(r)));
        }
        return notes.isEmpty() ? "" : "; " + String.join("; ", notes);
    }

    /**
     * The customer's pending promise as its row shows it, "USD 400.00 by 2025-04-02" (in the promise's currency, the
     * row's when it names none), or null when the row shows none pending.
     *
     * @param r a scored invoice joined with its customer's row of {@link #of}
     */
    static String pendingPromise(Row r, String rowCurrency) {
        if (!PromiseStatus.PENDING.equals(WorklistTables.PROMISE_STATUS.of(r))) {
            return null;
        }
        return InvoiceCurrency.shown(WorklistTables.PROMISE_AMOUNT.of(r),
                Objects.requireNonNullElse(r.getAs(PROMISE_CURRENCY), rowCurrency)) + " by "
                + WorklistTables.PROMISE_DATE.of(r);
    }

    /**
     * The earliest promised date of the customer's pending promises that cover an invoice: those that name it, and
     * those that name no invoice (a promise on the account holds every invoice of it). Null when none does. A
     * broken or partly kept promise covers nothing: what it left unpaid is chased again.
     *
     * @param r an open invoice joined with its customer's row of {@link #of}
     */
    static LocalDate promisedBy(Row r, String invoiceId) {
        List<Row> pending = r.getList(r.fieldIndex(PENDING_PROMISES));
        LocalDate by = null;
        for (Row p : pending == null ? List.<Row>of() : pending) {
            String listed = p.getString(0);
            LocalDate date = p.getAs(1);
            boolean covers = listed == null || Arrays.asList(listed.split(
                    Pattern.quote(CanonicalTable.INVOICE_ID_SEPARATOR), -1)).contains(invoiceId);
            if (covers && (by == null || date.isBefore(by))) {
                by = date;
            }
        }
        return by;
    }

    /**
     * The rows that list no invoice, and those that list one still open; {@code key} identifies a row.
     */
    private static Dataset<Row> stillOpen(Dataset<Row> rows, Column key, Dataset<Row> open) {
        Dataset<Row> live = rows.filter(col("invoice_ids").isNotNull())
                .select(key.as("live_key"), explode(split(col("invoice_ids"),
                        Pattern.quote(CanonicalTable.INVOICE_ID_SEPARATOR))).as("listed"))
                .join(open, col("listed").equalTo(col("open_invoice")), "left_semi")
                .select(col("live_key")).distinct();
        return rows.join(live, key.equalTo(col("live_key")), "left")
                .filter(col("invoice_ids").isNull().or(col("live_key").isNotNull())).drop("live_key");
    }

    private static StructField field(io.arscope.job.Column<?> column) {
        return DataTypes.createStructField(column.name(), column.type(), true);
    }
}
