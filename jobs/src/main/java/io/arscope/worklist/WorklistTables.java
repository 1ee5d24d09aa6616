package io.arscope.worklist;

import static io.arscope.job.Column.date;
import static io.arscope.job.Column.flag;
import static io.arscope.job.Column.integer;
import static io.arscope.job.Column.money;
import static io.arscope.job.Column.number;
import static io.arscope.job.Column.share;
import static io.arscope.job.Column.text;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.arscope.job.Column;
import io.arscope.job.OutputTable;
import io.arscope.risk.ModelGate;
import io.arscope.risk.ScoreTables;

/**
 * The tables the worklist jobs write, each declared once: the worklist is checked against them as it is written,
 * and the CFO report reads them through the same. Columns are defined in notebooks-docs/worklists.md.
 */
public final class WorklistTables {

    public static final String MANIFEST = "worklist-run.json";
    public static final String BY_COLLECTOR = "by-collector";
    public static final String SUMMARIES = "summaries";
    /** A self-contained HTML page per collector ({@link CollectorPage}), named as the CSVs are. */
    public static final String PAGES = "pages";
    /** The workbook with a sheet per collector ({@link WorklistWorkbook}). */
    public static final String WORKBOOK = "worklist.xlsx";

    public static final Column<LocalDate> AS_OF = date("as_of").required();
    public static final Column<String> COLLECTOR = text("collector").required();
    public static final Column<String> QUEUE = text("queue").required();
    public static final Column<Integer> CUSTOMER_RANK = integer("customer_rank");
    public static final Column<Boolean> IN_TODAY = flag("in_today");
    public static final Column<Integer> INVOICE_RANK = integer("invoice_rank");
    public static final Column<String> CUSTOMER_ID = text("customer_id").required();
    public static final Column<String> CUSTOMER_NAME = text("customer_name");
    public static final Column<String> INVOICE_ID = text("invoice_id").required();
    public static final Column<LocalDate> INVOICE_DATE = date("invoice_date").required();
    public static final Column<LocalDate> DUE_DATE = date("due_date").required();
    /** The currency of the row's amounts, as the scores give it. */
    public static final Column<String> CURRENCY = text("currency").required();
    public static final Column<BigDecimal> AMOUNT = money("amount").required();
    public static final Column<BigDecimal> OPEN_AMOUNT = money("open_amount").required();
    /** The part of an invoice's open amount its customer's on-account credit covers ({@link OnAccountCover}). */
    public static final Column<BigDecimal> COVERED_BY_CREDIT = money("covered_by_credit").required();
    public static final Column<Integer> DAYS_PAST_DUE = integer("days_past_due").required();
    public static final Column<String> AGING_BUCKET = text("aging_bucket").required();
    public static final Column<Double> PROBABILITY_LATE = share("probability_late").required();
    public static final Column<Double> EXPECTED_DAYS_LATE = number("expected_days_late").required();
    /** Days from the as-of day to the expected payment ({@link ExpectedDaysToPay}); null when nothing says. */
    public static final Column<Integer> EXPECTED_DAYS_TO_PAY = integer(ExpectedDaysToPay.DAYS);
    /** What {@link #EXPECTED_DAYS_TO_PAY} rests on: model, customer, portfolio or no_history. */
    public static final Column<String> DAYS_TO_PAY_BASIS = text(ExpectedDaysToPay.BASIS).required();
    /** How many paid invoices {@link #EXPECTED_DAYS_TO_PAY} is the median of; null when it is the model's. */
    public static final Column<Integer> DAYS_TO_PAY_INVOICES = integer(ExpectedDaysToPay.INVOICES);
    /** How many invoices as late, on the same basis, were written off or credited instead; null for the model. */
    public static final Column<Integer> DAYS_TO_PAY_CLOSED_UNPAID = integer(ExpectedDaysToPay.CLOSED_UNPAID);
    public static final Column<String> RISK_BAND = text("risk_band").required();
    public static final Column<BigDecimal> PRIORITY_VALUE = money("priority_value").required();
    public static final Column<String> ACTION_CODE = text("action_code").required();
    public static final Column<String> NEXT_ACTION = text("next_action").required();
    public static final Column<Integer> ACTION_SEVERITY = integer("action_severity").required();
    public static final Column<LocalDate> DISPUTE_OPENED = date("dispute_opened");
    public static final Column<String> DISPUTE_REASON = text("dispute_reason");
    /** The latest reversal of a payment of the invoice (a returned cheque, a chargeback) by the as-of day. */
    public static final Column<LocalDate> PAYMENT_REVERSED_ON = date("payment_reversed_on");
    /** What the reversals of the invoice's payments took back by the as-of day, in all; null when none did. */
    public static final Column<BigDecimal> REVERSED_AMOUNT = money("reversed_amount");
    public static final Column<LocalDate> LAST_PAYMENT_DATE = date("last_payment_date");
    public static final Column<String> REASON_1 = text("reason_1");
    public static final Column<String> REASON_2 = text("reason_2");
    public static final Column<String> REASON_3 = text("reason_3");
    /** The customer's latest contact on or before the as-of day ({@link CustomerActivity}), and what came of it. */
    public static final Column<LocalDate> LAST_CONTACT_DATE = date("last_contact_date");
    public static final Column<String> LAST_CONTACT_CHANNEL = text("last_contact_channel");
    public static final Column<String> LAST_CONTACT_OUTCOME = text("last_contact_outcome");
    public static final Column<Integer> DAYS_SINCE_CONTACT = integer("days_since_contact");
    /** The customer's most urgent promise to pay not kept: broken, partly kept, pending due today, pending. */
    public static final Column<String> PROMISE_STATUS = text("promise_status");
    public static final Column<LocalDate> PROMISE_DATE = date("promise_date");
    public static final Column<BigDecimal> PROMISE_AMOUNT = money("promise_amount");
    /**
     * The earliest promised date of the customer's pending promises that cover the invoice, by naming it or by
     * naming no invoice ({@link CustomerActivity#promisedBy}): a reminder leaves the invoice out until then.
     */
    public static final Column<LocalDate> PROMISED_BY = date("promised_by");
    /** The customer's earliest plan instalment that is due or missed. */
    public static final Column<LocalDate> PLAN_INSTALMENT_DUE = date("plan_instalment_due");
    public static final Column<String> PLAN_INSTALMENT_STATUS = text("plan_instalment_status");
    public static final Column<BigDecimal> PLAN_INSTALMENT_AMOUNT = money("plan_instalment_amount");
    /** Contacted within the cool-off days and not overridden: left off today's list ({@link Worklist}). */
    public static final Column<Boolean> COOLING_OFF = flag("cooling_off").required();

    // Nullability as the worklist builds its invoice rows; the ranks and the customer roll-up come from Spark.

    /** Every open invoice in its collector's queue, ranked, with its next action. */
    public static final OutputTable INVOICES = OutputTable.of("worklist-invoices", AS_OF, COLLECTOR, QUEUE,
            CUSTOMER_RANK, IN_TODAY, INVOICE_RANK, CUSTOMER_ID, CUSTOMER_NAME, INVOICE_ID, INVOICE_DATE, DUE_DATE,
            CURRENCY, AMOUNT, OPEN_AMOUNT, COVERED_BY_CREDIT, DAYS_PAST_DUE, AGING_BUCKET, PROBABILITY_LATE, EXPECTED_DAYS_LATE,
            EXPECTED_DAYS_TO_PAY, DAYS_TO_PAY_BASIS, DAYS_TO_PAY_INVOICES, DAYS_TO_PAY_CLOSED_UNPAID, RISK_BAND,
            PRIORITY_VALUE, ACTION_CODE,
            NEXT_ACTION, ACTION_SEVERITY, DISPUTE_OPENED, DISPUTE_REASON, PAYMENT_REVERSED_ON, REVERSED_AMOUNT,
            LAST_PAYMENT_DATE, REASON_1, REASON_2, REASON_3, LAST_CONTACT_DATE, LAST_CONTACT_CHANNEL, LAST_CONTACT_OUTCOME, DAYS_SINCE_CONTACT, PROMISE_STATUS,
            PROMISE_DATE, PROMISE_AMOUNT, PROMISED_BY, PLAN_INSTALMENT_DUE, PLAN_INSTALMENT_STATUS,
            PLAN_INSTALMENT_AMOUNT, COOLING_OFF).keyedBy(INVOICE_ID);

    public static final Column<Integer> OPEN_INVOICES = integer("open_invoices");
    public static final Column<BigDecimal> OVERDUE_AMOUNT = money("overdue_amount");
    /** The customer's on-account credit, on its collection row (its dispute row when it has none). */
    public static final Column<BigDecimal> ON_ACCOUNT_CREDIT = money("on_account_credit").required();
    /** The row's open amount less its on-account credit: what the customer owes on balance. */
    public static final Column<BigDecimal> NET_BALANCE = money("net_balance").required();
    public static final Column<Integer> MAX_DAYS_PAST_DUE = integer("max_days_past_due");
    public static final Column<String> OLDEST_BUCKET = text("oldest_bucket");
    public static final Column<String> TOP_INVOICE_ID = text("top_invoice_id");
    public static final Column<LocalDate> OLDEST_DISPUTE_OPENED = date("oldest_dispute_opened");
    /**
     * What a row converted into the reporting currency is as billed ({@link BilledAmounts}): the one currency its
     * invoices are billed in, and their open and overdue amounts in it; empty when nothing is converted.
     */
    public static final Column<String> BILLED_CURRENCY = text("billed_currency");
    public static final Column<BigDecimal> BILLED_OPEN_AMOUNT = money("billed_open_amount");
    public static final Column<BigDecimal> BILLED_OVERDUE_AMOUNT = money("billed_overdue_amount");

    /**
     * One row per collector, queue, customer and currency (amounts of two currencies are never summed), ranked
     * within the collector's queue.
     */
    public static final OutputTable CUSTOMERS = OutputTable.of("worklist-customers", AS_OF, COLLECTOR, QUEUE,
            CUSTOMER_RANK, IN_TODAY, CUSTOMER_ID, CUSTOMER_NAME, CURRENCY, OPEN_INVOICES, OPEN_AMOUNT, OVERDUE_AMOUNT,
            ON_ACCOUNT_CREDIT, NET_BALANCE, MAX_DAYS_PAST_DUE, OLDEST_BUCKET, PROBABILITY_LATE, EXPECTED_DAYS_LATE, EXPECTED_DAYS_TO_PAY,
            DAYS_TO_PAY_BASIS, DAYS_TO_PAY_INVOICES, DAYS_TO_PAY_CLOSED_UNPAID, PRIORITY_VALUE, ACTION_CODE, NEXT_ACTION,
            TOP_INVOICE_ID, REASON_1,
            REASON_2, REASON_3, OLDEST_DISPUTE_OPENED, LAST_PAYMENT_DATE, LAST_CONTACT_DATE, LAST_CONTACT_CHANNEL,
            LAST_CONTACT_OUTCOME, DAYS_SINCE_CONTACT, PROMISE_STATUS, PROMISE_DATE, PROMISE_AMOUNT, PLAN_INSTALMENT_DUE,
            PLAN_INSTALMENT_STATUS, PLAN_INSTALMENT_AMOUNT, COOLING_OFF, BILLED_CURRENCY, BILLED_OPEN_AMOUNT,
            BILLED_OVERDUE_AMOUNT)
            .keyedBy(COLLECTOR, QUEUE, CUSTOMER_ID, CURRENCY);

    // worklist-backtest
    public static final String BACKTEST_MANIFEST = "worklist-backtest-run.json";
    public static final Column<String> RANKING = text("ranking").required();
    public static final Column<Integer> HORIZON_DAYS = integer("horizon_days").required();
    public static final Column<Integer> POOL_INVOICES = integer("pool_invoices").required();
    public static final Column<Integer> TOP_K = integer("top_k").required();
    public static final Column<BigDecimal> TOP_OPEN_AMOUNT = money("top_open_amount").required();
    public static final Column<BigDecimal> TOP_CASH_COLLECTED = money("top_cash_collected").required();
    public static final Column<BigDecimal> TOP_OVERDUE_AT_HORIZON = money("top_overdue_at_horizon").required();
    public static final Column<BigDecimal> POOL_OVERDUE_AT_HORIZON = money("pool_overdue_at_horizon").required();
    public static final Column<Double> OVERDUE_CAPTURED = share("overdue_captured");

    /** Each replayed day and ranking: what its top K held against the whole pool. */
    public static final OutputTable BACKTEST = OutputTable.of("worklist-backtest", AS_OF, RANKING,
            HORIZON_DAYS, POOL_INVOICES, TOP_K, TOP_OPEN_AMOUNT, TOP_CASH_COLLECTED, TOP_OVERDUE_AT_HORIZON,
            POOL_OVERDUE_AT_HORIZON, OVERDUE_CAPTURED).keyedBy(AS_OF, RANKING);

    /** The options of a worklist run, as its manifest records them. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RunOptions(String input, @JsonInclude(JsonInclude.Include.NON_NULL) String scores, String model,
            String modelTrainingDataSha256, String asOf, int capacity, int disputeCapacity, double notDueUrgency,
            int urgencyDays, double maxUrgency, int priorityHorizonDays, List<String> dunningSteps, int coolOffDays) {
    }

    /**
     * Rows written per table, the collectors with a list, and whose ranking the lists follow.
     *
     * @param ranking {@link ScoreTables#MODEL_RANKING} or {@link ScoreTables#BASELINE_RANKING}; null when read from
     *                a score run whose manifest does not say
     * @param gate    the model gate's decision, the worklist's own when it scored, else the score run's; null when
     *                that manifest has none
     */
    public record RunOutputs(@JsonProperty("worklist-invoices") long invoices,
            @JsonProperty("worklist-customers") long customers, int collectors,
            @JsonInclude(JsonInclude.Include.NON_NULL) String ranking,
            @JsonInclude(JsonInclude.Include.NON_NULL) ModelGate gate) {
    }

    /** The options of a worklist backtest, as its manifest records them. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record BacktestRunOptions(String input, String model, String modelLabelsAsOf, String from, String to,
            int everyDays, int horizonDays, double topShare) {
    }

    /** Rows written. */
    public record BacktestRunOutputs(@JsonProperty("worklist-backtest") long rows) {
    }

    private WorklistTables() {
    }
}
