package io.arscope.worklist;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import io.arscope.activity.PlanStatus;
import io.arscope.activity.PromiseStatus;
import io.arscope.job.OutputTable;
import io.arscope.ledger.InvoiceHistory;
import io.arscope.risk.ScoreTables;

/**
 * Collection worklists for an as-of day: every open invoice in exactly one queue of one collector, ranked, with
 * its next action; and a roll-up per customer, which is what a collector works through.
 *
 * <p>Disputed invoices (a dispute open at the as-of day) go to the collector's dispute queue, where dunning is
 * paused and the action is to resolve the dispute; all others go to the collection queue. Within a queue,
 * customers are ranked by the sum of their invoices' priority ({@link WorklistConfig}), customers with something
 * to do before those with nothing yet, ties broken by most days past due, then larger open amount, then
 * customer id. The first {@code capacity} actionable customers of a collector are today's list.
 *
 * <p>A customer's on-account credit (unapplied cash, unallocated credit memos) covers its undisputed open invoices,
 * the most overdue first ({@link OnAccountCover}); only what it leaves uncovered is chased and counts towards the
 * priority, and an invoice covered in full gets {@link #APPLY_ON_ACCOUNT} instead of a dunning step. The customer's
 * row shows its open invoices, its credit and the net balance, so a collector sees why.
 */
public final class Worklist {

    public static final String COLLECT = "collect";
    public static final String DISPUTE = "dispute";
    /** Collector of customers that name none. */
    /**
     * What the list of {@link #UNASSIGNED} says above its queues: it is ranked and cut to the capacity as any
     * collector's, so that whoever takes it up knows where to start, but the team page counts it as not reached.
     */
    public static final String UNASSIGNED_NOTE = "No collector is assigned to these customers: this list is ranked "
            + "and cut to the capacity like a collector's, but the team page counts them as not reached until they are "
            + "assigned (the collector column of the customers' export) or moved (the team page's suggested moves).";
    public static final String UNASSIGNED = InvoiceHistory.UNASSIGNED;
    public static final String RESOLVE_DISPUTE = "resolve_dispute";
    /** The action of an invoice its customer's on-account credit covers in full: apply the credit, do not chase. */
    public static final String APPLY_ON_ACCOUNT = "apply_on_account";

    private static final DataType MONEY = io.arscope.job.Column.MONEY;

    /** An invoice row before ranking; the ranked rows add the ranks after the queue. */
    private static final OutputTable UNRANKED_ROWS = OutputTable.of("worklist-invoices before ranking",
            WorklistTables.AS_OF, WorklistTables.COLLECTOR, WorklistTables.QUEUE, WorklistTables.CUSTOMER_ID,
            WorklistTables.CUSTOMER_NAME, WorklistTables.INVOICE_ID, WorklistTables.INVOICE_DATE,
            WorklistTables.DUE_DATE, WorklistTables.CURRENCY, WorklistTables.AMOUNT, WorklistTables.OPEN_AMOUNT,
            WorklistTables.COVERED_BY_CREDIT,
            WorklistTables.DAYS_PAST_DUE, WorklistTables.AGING_BUCKET, WorklistTables.PROBABILITY_LATE,
            WorklistTables.EXPECTED_DAYS_LATE, WorklistTables.EXPECTED_DAYS_TO_PAY, WorklistTables.DAYS_TO_PAY_BASIS,
            WorklistTables.DAYS_TO_PAY_INVOICES, WorklistTables.DAYS_TO_PAY_CLOSED_UNPAID, WorklistTables.RISK_BAND,
            WorklistTables.PRIORITY_VALUE, WorklistTables.ACTION_CODE, WorklistTables.NEXT_ACTION,
            WorklistTables.ACTION_SEVERITY, WorklistTables.DISPUTE_OPENED, WorklistTables.DISPUTE_REASON,
            WorklistTables.PAYMENT_REVERSED_ON, WorklistTables.REVERSED_AMOUNT, WorklistTables.LAST_PAYMENT_DATE, WorklistTables.REASON_1, WorklistTables.REASON_2,
            WorklistTables.REASON_3, WorklistTables.LAST_CONTACT_DATE, WorklistTables.LAST_CONTACT_CHANNEL,
            WorklistTables.LAST_CONTACT_OUTCOME, WorklistTables.DAYS_SINCE_CONTACT, WorklistTables.PROMISE_STATUS,
            WorklistTables.PROMISE_DATE, WorklistTables.PROMISE_AMOUNT, WorklistTables.PROMISED_BY,
            WorklistTables.PLAN_INSTALMENT_DUE, WorklistTables.PLAN_INSTALMENT_STATUS,
            WorklistTables.PLAN_INSTALMENT_AMOUNT, WorklistTables.COOLING_OFF, ScoreTables.REASON_FEATURES);
    static final StructType UNRANKED = UNRANKED_ROWS.schema();

    /** The customer-level columns of collection activity, the same on each of a customer's rows. */
    private static final List<io.arscope.job.Column<?>> ACTIVITY = List.of(WorklistTables.LAST_CONTACT_DATE,
            WorklistTables.LAST_CONTACT_CHANNEL, WorklistTables.LAST_CONTACT_OUTCOME, WorklistTables.DAYS_SINCE_CONTACT,
            WorklistTables.PROMISE_STATUS, WorklistTables.PROMISE_DATE, WorklistTables.PROMISE_AMOUNT,
            WorklistTables.PLAN_INSTALMENT_DUE, WorklistTables.PLAN_INSTALMENT_STATUS,
            WorklistTables.PLAN_INSTALMENT_AMOUNT, WorklistTables.COOLING_OFF);

    /** A customer row's key: amounts of two currencies are never summed into one row. */
    private static final List<String> KEYS = List.of("collector", "queue", "customer_id", "currency");

    /** The invoice rows and the customer roll-up. */
    public record Result(Dataset<Row> invoices, Dataset<Row> customers) {
    }

    /** The lists' collector of a customer: one naming nobody ({@link InvoiceHistory#NOBODY}) is {@link #UNASSIGNED}. */
    public static String collector(String named) {
        return InvoiceHistory.collector(named);
    }

    /** {@link #collector(String)} as a column, for the tables that group by collector in Spark. */
    public static Column collector(Column named) {
        return InvoiceHistory.collector(named);
    }

    private Worklist() {
    }

    /**
     * @param scores       open invoices as {@code RiskScoring} scores them
     * @param customers    {@link CollectionContext#customers}
     * @param invoiceNotes {@link CollectionContext#invoiceNotes}
     * @param settledInvoices {@link ExpectedDaysToPay#settledInvoices}, the history the days still to pay come from
     */
    public static Result build(Dataset<Row> scores, Dataset<Row> customers, Dataset<Row> invoiceNotes,
            Dataset<Row> settledInvoices, WorklistConfig config) {
        return build(scores, customers, invoiceNotes, settledInvoices, CustomerActivity.none(scores.sparkSession()),
                config);
    }

    /**
     * @param activity {@link CustomerActivity#of}: the customers' last contact, promise and plan instalment
     */
    static Result build(Dataset<Row> scores, Dataset<Row> customers, Dataset<Row> invoiceNotes,
            Dataset<Row> settledInvoices, Dataset<Row> activity, WorklistConfig config) {
        Dataset<Row> joined = OnAccountCover.of(scores
                .join(customers.withColumnRenamed("customer_id", "ctx_customer"),
                        col("customer_id").equalTo(col("ctx_customer")), "left")
                .join(activity, col("customer_id").equalTo(col("activity_customer")), "left")
                .join(invoiceNotes.withColumnRenamed("invoice_id", "noted_invoice"),
                        col("invoice_id").equalTo(col("noted_invoice")), "left")
                .join(ExpectedDaysToPay.of(scores, settledInvoices).withColumnRenamed("invoice_id", "to_pay_invoice"),
                        col("invoice_id").equalTo(col("to_pay_invoice")), "left"),
                col(CollectionContext.DISPUTE_OPENED).isNotNull());
        List<String> bucketLabels = config.buckets().labels();
        MapFunction<Row, Row> decide = r -> invoiceRow(r, config, bucketLabels);
        // The customer's invoices in dispute, for what to check before a last-resort step on another of them.
        Dataset<Row> unranked = joined.withColumn(CUSTOMER_DISPUTES, count(col(CollectionContext.DISPUTE_OPENED))
                        .over(Window.partitionBy(col("customer_id"))))
                .map(decide, Encoders.row(UNRANKED));

        // Kept once computed: the roll-up reads the ranked invoices twice and the ranked list once more, and each
        // read would otherwise redo every join above (five times over for the two lists).
        // The invoices with an action today lead their customer's, the most severe step first: the customer's
        // action is its most severe invoice's, so the top invoice is what the call is about and its reasons are the
        // customer's. Ranked by priority alone, a final notice's invoice 117 days overdue followed a larger one
        // 15 days overdue, whose reasons then explained a final notice.
        Dataset<Row> invoices = unranked.withColumn("invoice_rank", row_number().over(
                Window.partitionBy(keyColumns()).orderBy(when(ACTS_TODAY, lit(0)).otherwise(lit(1)),
                        col("action_severity").desc(), col("priority_value").desc(), col("days_past_due").desc(), col("open_amount").desc(),
                        col("invoice_id")))).localCheckpoint(false);
        Dataset<Row> rollup = rollup(invoices, customers, config);
        Dataset<Row> ranks = rollup.select(col("collector").as("r_collector"), col("queue").as("r_queue"),
                col("customer_id").as("r_customer"), col("currency").as("r_currency"), col("customer_rank"),
                col("in_today"));
        List<Column> ordered = new ArrayList<>(List.of(col("as_of"), col("collector"), col("queue"),
                col("customer_rank"), col("in_today"), col("invoice_rank")));
        for (StructField f : UNRANKED.fields()) {
            // The reasons' features serve the customer roll-up only; the rows say the reasons in words.
            if (!List.of("as_of", "collector", "queue", ScoreTables.REASON_FEATURES.name()).contains(f.name())) {
                ordered.add(col(f.name()));
            }
        }
        Dataset<Row> ranked = invoices.join(ranks, col("collector").equalTo(col("r_collector"))
                .and(col("queue").equalTo(col("r_queue"))).and(col("customer_id").equalTo(col("r_customer")))
                .and(col("currency").equalTo(col("r_currency"))))
                .select(ordered.toArray(Column[]::new));
        return new Result(ranked, rollup);
    }

    /** Decides an open invoice's queue, priority and next action from its score and its customer's context. */
    private static Row invoiceRow(Row r, WorklistConfig config, List<String> bucketLabels) {
        String collector = r.getAs(CollectionContext.COLLECTOR);
        boolean disputed = r.getAs(CollectionContext.DISPUTE_OPENED) != null;
        int daysPastDue = ScoreTables.DAYS_PAST_DUE.of(r);
        BigDecimal open = ScoreTables.OPEN_AMOUNT.of(r);
        BigDecimal covered = r.getAs(OnAccountCover.COVERED);
        // Only what the customer's on-account credit leaves uncovered is chased.
        BigDecimal chased = open.subtract(covered);
        double probability = ScoreTables.PROBABILITY_LATE.of(r);
        String band = ScoreTables.RISK_BAND.of(r);
        double urgency = config.urgency(daysPastDue);
        double expectedDaysLate = ScoreTables.EXPECTED_DAYS_LATE.of(r);
        double unpaidAtHorizon = UnpaidAtHorizon.probability(daysPastDue, probability, expectedDaysLate,
                config.horizonDays());
        BigDecimal priority = chased.multiply(BigDecimal.valueOf(unpaidAtHorizon * urgency))
                .setScale(2, RoundingMode.HALF_UP);
        String disputeReason = r.getAs(CollectionContext.DISPUTE_REASON);
        LocalDate asOf = ScoreTables.AS_OF.of(r);
        LocalDate lastPayment = r.getAs(CollectionContext.LAST_PAYMENT_DATE);
        List<String> reasons = RowReasons.ofInvoice(RowReasons.Scored.of(ScoreTables.REASON_FEATURES.of(r),
                ScoreTables.REASON_1.of(r), ScoreTables.REASON_2.of(r), ScoreTables.REASON_3.of(r)), lastPayment, asOf);
        String promiseStatus = WorklistTables.PROMISE_STATUS.of(r);
        String planStatus = WorklistTables.PLAN_INSTALMENT_STATUS.of(r);
        Integer daysSinceContact = WorklistTables.DAYS_SINCE_CONTACT.of(r);
        boolean coolingOff = coolingOff(daysSinceContact, WorklistTables.LAST_CONTACT_DATE.of(r), promiseStatus,
                WorklistTables.PROMISE_DATE.of(r), planStatus, WorklistTables.PLAN_INSTALMENT_DUE.of(r),
                config.coolOffDays());
        String code;
        String action;
        int severity;
        if (disputed) {
            code = RESOLVE_DISPUTE;
            action = "Resolve the dispute" + (disputeReason == null ? "" : " (" + disputeReason + ")")
                    + "; dunning paused";
            severity = config.strategy().disputeSeverity();
        } else if (chased.signum() == 0) {
            code = APPLY_ON_ACCOUNT;
            action = "Apply the customer's on-account credit to it; do not chase";
            // Ranked with "no action": nothing to collect, so never on today's list.
            severity = DunningStrategy.NO_ACTION_SEVERITY;
        } else {
            DunningStrategy.Decision d = config.strategy().decide(daysPastDue, chased, band, promiseStatus,
                    planStatus);
            code = d.code();
            action = d.action() + (config.strategy().step(code).filter(EscalationCheck::lastResort).isPresent()
                    ? EscalationCheck.note(r.<Long>getAs(CUSTOMER_DISPUTES), r.getAs(CollectionContext.LAST_PAYMENT_DATE),
                            CustomerActivity.pendingPromise(r, ScoreTables.CURRENCY.of(r)), ScoreTables.AS_OF.of(r))
                    : "");
            severity = d.severity();
        }
        return UNRANKED_ROWS.row().set(WorklistTables.AS_OF, asOf)
                .set(WorklistTables.COLLECTOR, collector(collector))
                .set(WorklistTables.QUEUE, disputed ? DISPUTE : COLLECT)
                .set(WorklistTables.CUSTOMER_ID, ScoreTables.CUSTOMER_ID.of(r))
                .set(WorklistTables.CUSTOMER_NAME, r.getAs(CollectionContext.CUSTOMER_NAME))
                .set(WorklistTables.INVOICE_ID, ScoreTables.INVOICE_ID.of(r))
                .set(WorklistTables.INVOICE_DATE, ScoreTables.INVOICE_DATE.of(r))
                .set(WorklistTables.DUE_DATE, ScoreTables.DUE_DATE.of(r))
                .set(WorklistTables.CURRENCY, ScoreTables.CURRENCY.of(r))
                .set(WorklistTables.AMOUNT, ScoreTables.AMOUNT.of(r)).set(WorklistTables.OPEN_AMOUNT, open)
                .set(WorklistTables.COVERED_BY_CREDIT, covered)
                .set(WorklistTables.DAYS_PAST_DUE, daysPastDue)
                .set(WorklistTables.AGING_BUCKET, bucketLabels.get(config.buckets().index(daysPastDue)))
                .set(WorklistTables.PROBABILITY_LATE, probability)
                .set(WorklistTables.EXPECTED_DAYS_LATE, expectedDaysLate)
                .set(WorklistTables.EXPECTED_DAYS_TO_PAY, r.getAs(ExpectedDaysToPay.DAYS))
                .set(WorklistTables.DAYS_TO_PAY_BASIS, r.getAs(ExpectedDaysToPay.BASIS))
                .set(WorklistTables.DAYS_TO_PAY_INVOICES, r.getAs(ExpectedDaysToPay.INVOICES))
                .set(WorklistTables.DAYS_TO_PAY_CLOSED_UNPAID, r.getAs(ExpectedDaysToPay.CLOSED_UNPAID))
                .set(WorklistTables.RISK_BAND, band).set(WorklistTables.PRIORITY_VALUE, priority).set(WorklistTables.ACTION_CODE, code)
                .set(WorklistTables.NEXT_ACTION, action + CustomerActivity.actionNote(r, ScoreTables.CURRENCY.of(r),
                        asOf))
                .set(WorklistTables.ACTION_SEVERITY, severity)
                .set(WorklistTables.DISPUTE_OPENED, r.getAs(CollectionContext.DISPUTE_OPENED))
                .set(WorklistTables.DISPUTE_REASON, disputeReason)
                .set(WorklistTables.PAYMENT_REVERSED_ON, r.getAs(CollectionContext.PAYMENT_REVERSED_ON))
                .set(WorklistTables.REVERSED_AMOUNT, r.getAs(CollectionContext.REVERSED_AMOUNT))
                .set(WorklistTables.LAST_PAYMENT_DATE, lastPayment)
                .set(WorklistTables.REASON_1, reasons.get(0))
                .set(WorklistTables.REASON_2, reasons.size() > 1 ? reasons.get(1) : null)
                .set(WorklistTables.REASON_3, reasons.size() > 2 ? reasons.get(2) : null)
                .set(WorklistTables.LAST_CONTACT_DATE, WorklistTables.LAST_CONTACT_DATE.of(r))
                .set(WorklistTables.LAST_CONTACT_CHANNEL, WorklistTables.LAST_CONTACT_CHANNEL.of(r))
                .set(WorklistTables.LAST_CONTACT_OUTCOME, WorklistTables.LAST_CONTACT_OUTCOME.of(r))
                .set(WorklistTables.DAYS_SINCE_CONTACT, daysSinceContact)
                .set(WorklistTables.PROMISE_STATUS, promiseStatus)
                .set(WorklistTables.PROMISE_DATE, WorklistTables.PROMISE_DATE.of(r))
                .set(WorklistTables.PROMISE_AMOUNT, WorklistTables.PROMISE_AMOUNT.of(r))
                .set(WorklistTables.PROMISED_BY, CustomerActivity.promisedBy(r, ScoreTables.INVOICE_ID.of(r)))
                .set(WorklistTables.PLAN_INSTALMENT_DUE, WorklistTables.PLAN_INSTALMENT_DUE.of(r))
                .set(WorklistTables.PLAN_INSTALMENT_STATUS, planStatus)
                .set(WorklistTables.PLAN_INSTALMENT_AMOUNT, WorklistTables.PLAN_INSTALMENT_AMOUNT.of(r))
                .set(WorklistTables.COOLING_OFF, coolingOff)
                .set(ScoreTables.REASON_FEATURES, ScoreTables.REASON_FEATURES.of(r)).build();
    }

    /**
     * Whether a customer is cooling off: contacted fewer than {@code coolOffDays} days ago (today included), unless
     * a commitment fell due after that contact and has since failed: its promise, due after the contact, is broken
     * or partly kept, or its plan instalment, due after the contact, is missed. A contact on or after that day
     * already followed the failure up, and the cool-off holds.
     */
    static boolean coolingOff(Integer daysSinceContact, LocalDate lastContact, String promiseStatus,
            LocalDate promiseDate, String planStatus, LocalDate planDue, int coolOffDays) {
        if (daysSinceContact == null || daysSinceContact >= coolOffDays) {
            return false;
        }
        boolean promiseFailed = (PromiseStatus.BROKEN.equals(promiseStatus)
                || PromiseStatus.PARTLY_KEPT.equals(promiseStatus)) && promiseDate.isAfter(lastContact);
        boolean instalmentMissed = PlanStatus.MISSED.equals(planStatus) && planDue.isAfter(lastContact);
        return !promiseFailed && !instalmentMissed;
    }

    /**
     * One row per collector, queue, customer and currency, ranked within the collector's queue; its reasons are
     * its top invoice's, said about the customer ({@link RowReasons#ofCustomer}). The customer's on-account credit
     * goes on its collection row, where it covers invoices, or on its dispute row when it has no other.
     */
    private static Dataset<Row> rollup(Dataset<Row> invoices, Dataset<Row> customers, WorklistConfig config) {
        Column open = col("open_amount");
        Column weight = open.cast(DataTypes.DoubleType);
        Dataset<Row> totals = invoices.groupBy(col("as_of"), col("collector"), col("queue"), col("customer_id"),
                        col("currency"))
                .agg(max("customer_name").as("customer_name"), count(lit(1)).cast(DataTypes.IntegerType)
                                .as("open_invoices"),
                        sum(open).cast(MONEY).as("open_amount"),
                        sum(when(col("days_past_due").gt(0), open).otherwise(lit(BigDecimal.ZERO))).cast(MONEY)
                                .as("overdue_amount"),
                        max("days_past_due").as("max_days_past_due"),
                        round(sum(weight.multiply(col("probability_late"))).divide(sum(weight)),
                                ScoreTables.PROBABILITY_DECIMALS).as("probability_late"),
                        sum(weight.multiply(col("expected_days_late"))).divide(sum(weight))
                                .as("expected_days_late"),
                        // Of the most overdue invoice, the largest first where several are as overdue.
                        max(struct(col("days_past_due"), open, col("expected_days_to_pay"), col("days_to_pay_basis"),
                                col("days_to_pay_invoices"), col("days_to_pay_closed_unpaid"))).as("most_overdue"),
                        // Only what today's action is about: an invoice waiting for its due date, or covered by
                        // credit, would otherwise lift a customer whose call is about a smaller one.
                        sum(when(ACTS_TODAY, col("priority_value")).otherwise(lit(BigDecimal.ZERO))).cast(MONEY)
                                .as("priority_value"),
                        max(struct(col("action_severity"), col("action_code"), col("next_action"))).as("action"),
                        min("dispute_opened").as("oldest_dispute_opened"),
                        max("last_payment_date").as("last_payment_date"),
                        // The same on each of the customer's rows.
                        max(struct(ACTIVITY.stream().map(c -> col(c.name())).toArray(Column[]::new)))
                                .as("activity"))
                .select(col("*"), col("activity.*")).drop("activity");
        Dataset<Row> top = invoices.filter(col("invoice_rank").equalTo(1)).select(col("collector").as("t_collector"),
                col("queue").as("t_queue"), col("customer_id").as("t_customer"), col("currency").as("t_currency"),
                col("invoice_id").as("top_invoice_id"), col("reason_1"), col("reason_2"), col("reason_3"),
                col(ScoreTables.REASON_FEATURES.name()));
        Column actionable = col("action.action_severity").gt(DunningStrategy.NO_ACTION_SEVERITY);
        // Today's list is drawn from the customers with an action who are not cooling off; those cooling off follow
        // them, then those with nothing to do. Within each, a commitment to follow up today comes first.
        Column workable = actionable.and(not(col("cooling_off")));
        Column group = when(workable, lit(0)).when(actionable, lit(1)).otherwise(lit(2));
        // A dispute on money already overdue holds back cash now; one not yet due can still be settled before its
        // due date, so the dispute queue's capacity goes to the overdue first.
        Column disputeNotDue = when(col("queue").equalTo(DISPUTE).and(col("max_days_past_due").leq(0)), lit(1))
                .otherwise(lit(0));
        Column rank = row_number().over(Window.partitionBy(col("collector"), col("queue")).orderBy(
                group, promiseUrgency(), disputeNotDue, col("priority_value").desc(), col("max_days_past_due").desc(),
                col("open_amount").desc(), col("customer_id"), col("currency")));
        Column capacity = when(col("queue").equalTo(COLLECT), lit(config.capacity()))
                .otherwise(lit(config.disputeCapacity()));
        Dataset<Row> credit = customers.select(col("customer_id").as("c_customer"),
                col(CollectionContext.ON_ACCOUNT_CREDIT).as("credit"));
        Column collects = col("queue").equalTo(COLLECT);
        Column creditRow = collects.or(max(collects.cast(DataTypes.IntegerType))
                .over(Window.partitionBy(col("customer_id"))).equalTo(0));
        Column onAccount = when(creditRow, coalesce(col("credit"), lit(BigDecimal.ZERO))).otherwise(BigDecimal.ZERO)
                .cast(MONEY);
        Dataset<Row> rows = totals.join(top, col("collector").equalTo(col("t_collector"))
                        .and(col("queue").equalTo(col("t_queue"))).and(col("customer_id").equalTo(col("t_customer")))
                        .and(col("currency").equalTo(col("t_currency"))))
                .join(credit, col("customer_id").equalTo(col("c_customer")), "left")
                .withColumn("on_account_credit", onAccount)
                .withColumn("customer_rank", rank);
        List<Column> columns = new ArrayList<>(List.of(col("as_of"), col("collector"), col("queue"), col("customer_rank"),
                        workable.and(col("customer_rank").leq(capacity)).as("in_today"), col("customer_id"),
                        col("customer_name"), col("currency"), col("open_invoices"), col("open_amount"),
                        col("overdue_amount"), col("on_account_credit"),
                        col("open_amount").minus(col("on_account_credit")).cast(MONEY).as("net_balance"),
                        col("max_days_past_due"),
                        config.buckets().label(config.buckets().index(col("max_days_past_due"))).as("oldest_bucket"),
                        col("probability_late"), col("expected_days_late"),
                        col("most_overdue.expected_days_to_pay").as("expected_days_to_pay"),
                        col("most_overdue.days_to_pay_basis").as("days_to_pay_basis"),
                        col("most_overdue.days_to_pay_invoices").as("days_to_pay_invoices"),
                        col("most_overdue.days_to_pay_closed_unpaid").as("days_to_pay_closed_unpaid"),
                        col("priority_value"),
                        col("action.action_code").as("action_code"), col("action.next_action").as("next_action"),
                        col("top_invoice_id"), col("reason_1"), col("reason_2"), col("reason_3"),
                        col("oldest_dispute_opened"), col("last_payment_date")));
        ACTIVITY.forEach(c -> columns.add(col(c.name())));
        // The reasons' features last: the roll-up says them in words and drops them.
        columns.add(col(ScoreTables.REASON_FEATURES.name()));
        rows = rows.select(columns.toArray(Column[]::new));
        StructType schema = rows.drop(ScoreTables.REASON_FEATURES.name()).schema();
        MapFunction<Row, Row> said = Worklist::customerReasons;
        return rows.map(said, Encoders.row(schema));
    }

    /** A customer row with its top invoice's reasons said about the customer, without the reasons' features. */
    private static Row customerReasons(Row r) {
        List<String> reasons = RowReasons.ofCustomer(RowReasons.Scored.of(ScoreTables.REASON_FEATURES.of(r),
                        WorklistTables.REASON_1.of(r), WorklistTables.REASON_2.of(r), WorklistTables.REASON_3.of(r)),
                WorklistTables.TOP_INVOICE_ID.of(r), WorklistTables.OPEN_AMOUNT.of(r),
                WorklistTables.OVERDUE_AMOUNT.of(r), WorklistTables.CURRENCY.of(r),
                DISPUTE.equals(WorklistTables.QUEUE.of(r)), WorklistTables.LAST_PAYMENT_DATE.of(r),
                WorklistTables.AS_OF.of(r));
        Object[] values = new Object[r.size() - 1];
        for (int i = 0; i < values.length; i++) {
            values[i] = r.get(i);
        }
        values[r.fieldIndex("reason_1")] = reasons.get(0);
        values[r.fieldIndex("reason_2")] = reasons.size() > 1 ? reasons.get(1) : null;
        values[r.fieldIndex("reason_3")] = reasons.size() > 2 ? reasons.get(2) : null;
        return RowFactory.create(values);
    }

    /**
     * Where a customer's promise puts it in its queue: 0 broken, 1 partly kept, 2 pending with its promised date
     * on the as-of day, 3 any other promise or none.
     */
    private static Column promiseUrgency() {
        Column status = col(WorklistTables.PROMISE_STATUS.name());
        return when(status.equalTo(PromiseStatus.BROKEN), lit(0)).when(status.equalTo(PromiseStatus.PARTLY_KEPT), lit(1))
                .when(status.equalTo(PromiseStatus.PENDING).and(col(WorklistTables.PROMISE_DATE.name())
                        .equalTo(col("as_of"))), lit(2)).otherwise(lit(3));
    }

    /** Of an open invoice before ranking: how many of its customer's open invoices are in dispute. */
    private static final String CUSTOMER_DISPUTES = "customer_disputes";

    /** Whether an invoice row has an action today: a dunning step or a dispute to resolve. */
    private static final Column ACTS_TODAY = col("action_severity").gt(DunningStrategy.NO_ACTION_SEVERITY);

    private static Column[] keyColumns() {
        return KEYS.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    }

    private static StructField field(String name, DataType type, boolean nullable) {
        return DataTypes.createStructField(name, type, nullable);
    }
}
