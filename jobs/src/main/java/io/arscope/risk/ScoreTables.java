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
 * The table the score job writes, declared once: scoring builds its rows through it and the worklist reads it
 * through the same. Columns are defined in notebooks-docs/risk-model.md.
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
    /** Decimals a probability is stored with: more would be noise, and people read the figures. */
    public static final int PROBABILITY_DECIMALS = 4;

    /** Every invoice open at the as-of day with its probability of paying late and the reasons in words. */
    public static final OutputTable SCORES = OutputTable.of("scores", INVOICE_ID, CUSTOMER_ID, AS_OF, INVOICE_DATE,
            DUE_DATE, CURRENCY, AMOUNT, OPEN_AMOUNT, DAYS_PAST_DUE, PROBABILITY_LATE, EXPECTED_DAYS_LATE, RISK_BAND,
            REASON_1, REASON_2, REASON_3, REASON_FEATURES).keyedBy(INVOICE_ID);

    /** A probability as stored: rounded half up to {@link #PROBABILITY_DECIMALS} decimals. */
    public static double probability(double p) {
        return BigDecimal.valueOf(p).setScale(PROBABILITY_DECIMALS, RoundingMode.HALF_UP).doubleValue();
    }

    /** The options of a score run, as its manifest records them: the worklist reads the model's from here. */
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
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RunOutputs(long scores, String ranking, ModelGate gate) {
    }

    public static final String MODEL_RANKING = "model";
    public static final String BASELINE_RANKING = "baseline";

    private ScoreTables() {
    }
}
