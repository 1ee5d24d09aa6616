package io.arscope.risk;

import static io.arscope.job.Column.date;
import static io.arscope.job.Column.integer;
import static io.arscope.job.Column.money;
import static io.arscope.job.Column.number;
import static io.arscope.job.Column.share;
import static io.arscope.job.Column.text;

import java.math.BigDecimal;
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
    public static final Column<BigDecimal> AMOUNT = money("amount").required();
    public static final Column<BigDecimal> OPEN_AMOUNT = money("open_amount").required();
    public static final Column<Integer> DAYS_PAST_DUE = integer("days_past_due").required();
    public static final Column<Double> PROBABILITY_LATE = share("probability_late").required();
    public static final Column<Double> EXPECTED_DAYS_LATE = number("expected_days_late").required();
    public static final Column<String> RISK_BAND = text("risk_band").required();
    public static final Column<String> REASON_1 = text("reason_1");
    public static final Column<String> REASON_2 = text("reason_2");
    public static final Column<String> REASON_3 = text("reason_3");

    /** Every invoice open at the as-of day with its probability of paying late and the reasons in words. */
    public static final OutputTable SCORES = OutputTable.of("scores", INVOICE_ID, CUSTOMER_ID, AS_OF, INVOICE_DATE,
            DUE_DATE, AMOUNT, OPEN_AMOUNT, DAYS_PAST_DUE, PROBABILITY_LATE, EXPECTED_DAYS_LATE, RISK_BAND, REASON_1,
            REASON_2, REASON_3).keyedBy(INVOICE_ID);

    /** The options of a score run, as its manifest records them: the worklist reads the model's from here. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RunOptions(String input, String model, String modelTrainingDataSha256, String asOf,
            String reportingCurrency) {
    }

    /** Rows written. */
    public record RunOutputs(long scores) {
    }

    private ScoreTables() {
    }
}
