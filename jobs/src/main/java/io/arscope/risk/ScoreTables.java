package io.arscope.risk;

import static io.arscope.job.Column.date;
import static io.arscope.job.Column.integer;
import static io.arscope.job.Column.money;
import static io.arscope.job.Column.number;
import static io.arscope.job.Column.share;
import static io.arscope.job.Column.text;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.arscope.job.Column;
import io.arscope.job.OutputTable;

/**
 * The tables the score job writes, declared once: scoring builds their rows through them, the worklist reads the
 * invoice scores and the report the customer scores through the same. Columns are defined in
 * notebooks-docs/risk-model.md.
 */
public final class ScoreTables {

    public static final String MANIFEST = "score-run.json";

    public static final Column<String> INVOICE_ID = text("invoice_id").required();
    public static final Column<String> CUSTOMER_ID = text("customer_id").required();
    public static final Column<LocalDate> AS_OF = date("as_of").required();
    public static final Column<LocalDate> INVOICE_DATE = date("invoice_date").required();
    public static final Column<LocalDate> DUE_DATE = date("due_date").required();
    /** The currency of the invoice's amounts, from {@link InvoiceCurrency}. */
    public static final Column<String> CURRENCY = text("currency").required();
    public static final Column<BigDecimal> AMOUNT = money("amount").required();
    public static final Column<BigDecimal> OPEN_AMOUNT = money("open_amount").required();
    public static final Column<Integer> DAYS_PAST_DUE = integer("days_past_due").required();
    public static final Column<Double> PROBABILITY_LATE = share("probability_late").required();
    public static final Column<Double> EXPECTED_DAYS_LATE = number("expected_days_late").required();
    public static final Column<String> RISK_BAND = text("risk_band").required();
    public static final Column<String> REASON_1 = text("reason_1");
    public static final Column<String> REASON_2 = text("reason_2");
    public static final Column<String> REASON_3 = text("reason_3");
    /** The model features behind reason_1..3, in their order, comma-separated (without one-hot levels). */
    public static final Column<String> REASON_FEATURES = text("reason_features");
    /**
     * The features whose value lies beyond every training invoice's, comma-separated in name order; the model scored
     * each as the nearest value it learnt from, so the probability is no extrapolation but may understate what is
     * unusual about the invoice. Null when every feature lies within.
     */
    public static final Column<String> BEYOND_TRAINING = text("beyond_training");
    /** Decimals a probability is stored with: more would be noise, and people read the figures. */
    public static final int PROBABILITY_DECIMALS = 4;

    /** Every invoice open at the as-of day with its probability of paying late and the reasons in words. */
    public static final OutputTable SCORES = OutputTable.of("scores", INVOICE_ID, CUSTOMER_ID, AS_OF, INVOICE_DATE,
            DUE_DATE, CURRENCY, AMOUNT, OPEN_AMOUNT, DAYS_PAST_DUE, PROBABILITY_LATE, EXPECTED_DAYS_LATE, RISK_BAND,
            REASON_1, REASON_2, REASON_3, REASON_FEATURES, BEYOND_TRAINING).keyedBy(INVOICE_ID);

    public static final Column<String> NAME = text("name");
    public static final Column<BigDecimal> EXPOSURE = money("exposure").required();
    /** Of the customer's most overdue open invoice, negative when none is due yet; null when nothing is open. */
    public static final Column<Integer> MAX_DAYS_PAST_DUE = integer("max_days_past_due");
    public static final Column<Double> PROBABILITY_60DPD_90D = share("probability_60dpd_90d").required();
    /** Exposure times the probability: what the report ranks the customers to watch by. */
    public static final Column<BigDecimal> EXPOSURE_AT_RISK = money("exposure_at_risk").required();
    public static final Column<BigDecimal> CREDIT_LIMIT = money("credit_limit");
    public static final Column<BigDecimal> SUGGESTED_CREDIT_LIMIT = money("suggested_credit_limit");
    public static final Column<BigDecimal> CREDIT_LIMIT_CHANGE = money("credit_limit_change");
    /** How the suggestion was worked out ({@link CreditLimitRule}), or why there is none. */
    public static final Column<String> CREDIT_LIMIT_BASIS = text("credit_limit_basis").required();

    /**
     * Every customer with an amount open at the as-of day or an invoice in the year up to it, with its probability
     * of going more than 60 days past due within 90 days ({@link CustomerRiskModel}), the reasons, and the
     * suggested credit limit ({@link CreditLimitRule}).
     */
    public static final OutputTable CUSTOMER_SCORES = OutputTable.of("customer_scores", CUSTOMER_ID, NAME, AS_OF,
            CURRENCY, EXPOSURE, MAX_DAYS_PAST_DUE, PROBABILITY_60DPD_90D, RISK_BAND, EXPOSURE_AT_RISK, REASON_1,
            REASON_2, REASON_3, CREDIT_LIMIT, SUGGESTED_CREDIT_LIMIT, CREDIT_LIMIT_CHANGE, CREDIT_LIMIT_BASIS)
            .keyedBy(CUSTOMER_ID);

    /** A probability as stored: rounded half up to {@link #PROBABILITY_DECIMALS} decimals. */
    public static double probability(double p) {
        return BigDecimal.valueOf(p).setScale(PROBABILITY_DECIMALS, RoundingMode.HALF_UP).doubleValue();
    }

    /**
     * The options of a score run, as its manifest records them: the worklist reads the model's from here. The model
     * is the directory scored with, a link given followed ({@link ModelDirectory#followed}).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RunOptions(String input, String model, String modelTrainingDataSha256, String asOf,
            double gateMargin) {
    }

    /**
     * Rows written, and whose ranking they hold.
     *
     * @param scores  rows of the scores table
     * @param ranking {@value #MODEL_RANKING} when the model passed its gate, else {@value #BASELINE_RANKING}
     * @param gate    the gate's decision, with the model's and the baseline's validation figures
     * @param customerScores rows of the customer_scores table, or null when the model directory has no customer
     *                model and the table was not written
     * @param customerScoresAbsent why the table was not written ({@link CustomerRiskModel#absence}); null when it was
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    public record RunOutputs(long scores, String ranking, ModelGate gate, Long customerScores,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            String customerScoresAbsent) {
    }

    public static final String MODEL_RANKING = "model";
    public static final String BASELINE_RANKING = "baseline";

    private ScoreTables() {
    }
}
