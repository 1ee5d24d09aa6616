package io.arscope.alerts;

import static io.arscope.job.Column.date;
import static io.arscope.job.Column.money;
import static io.arscope.job.Column.number;
import static io.arscope.job.Column.text;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.functions;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.arscope.job.Column;
import io.arscope.job.OutputTable;

/**
 * The table the alerts job writes, declared once: the job builds it through this declaration, and the CFO report
 * and the collections lead's team page read it through the same. Columns and kinds are defined in
 * notebooks-docs/alerts.md.
 */
public final class AlertsTables {

    public static final String MANIFEST = "alerts-run.json";

    /** A customer whose risk band is higher than at the previous run ({@link BandRises}). */
    public static final String RISK_BAND_ROSE = "risk_band_rose";
    /** A customer whose recent payments are much later than its own earlier ones ({@link DaysLateJumps}). */
    public static final String DAYS_LATE_JUMP = "days_late_jump";
    /** A promise to pay broken, or only partly kept, since the previous run ({@link BrokenPromises}). */
    public static final String BROKEN_PROMISE = "broken_promise";
    /** A portfolio metric of the latest month outside the range of the months before ({@link MetricRanges}). */
    public static final String METRIC_OUT_OF_RANGE = "metric_out_of_range";
    /** How far today's scores have moved from the model's validation scores ({@link ScoreDrift}). */
    public static final String MODEL_DRIFT = "model_drift";
    /** No earlier run to compare with: said once instead of the alerts that need one. */
    public static final String NO_PREVIOUS_RUN = "no_previous_run";
    /** The kinds whose subject is a customer, in the order the leads' team page lists them. */
    public static final List<String> CUSTOMER_KINDS = List.of(BROKEN_PROMISE, RISK_BAND_ROSE, DAYS_LATE_JUMP);

    /** Severities, the most urgent first: the order rows are written and shown in. */
    public static final String HIGH = "high";
    public static final String MEDIUM = "medium";
    public static final String INFO = "info";
    public static final List<String> SEVERITIES = List.of(HIGH, MEDIUM, INFO);

    public static final Column<String> KIND = text("kind").required();
    public static final Column<String> SEVERITY = text("severity").required();
    /** The customer's id, the metric's column in period_metrics, or what else the alert is about. */
    public static final Column<String> SUBJECT_ID = text("subject_id").required();
    /** The customer's name, or the metric's name as the report writes it. */
    public static final Column<String> SUBJECT_NAME = text("subject_name");
    /** What changed, in plain words, amounts with their currency. */
    public static final Column<String> CHANGE = text("change").required();
    public static final Column<LocalDate> AS_OF = date("as_of").required();
    /** The as-of date of the run compared with, where the alert compares with one. */
    public static final Column<LocalDate> PREVIOUS_AS_OF = date("previous_as_of");
    /** The figure now: probability, average days late, metric value or PSI (see the kind's definition). */
    public static final Column<Double> CURRENT_VALUE = number("current_value");
    /** The figure it is compared with: the previous probability, the earlier average, the range's mean. */
    public static final Column<Double> PREVIOUS_VALUE = number("previous_value");
    /** The money concerned: the customer's exposure, the promised amount not paid. */
    public static final Column<BigDecimal> AMOUNT = money("amount");
    public static final Column<String> CURRENCY = text("currency");

    /** What changed since the previous run, the most severe first. */
    public static final OutputTable ALERTS = OutputTable.of("alerts", KIND, SEVERITY, SUBJECT_ID, SUBJECT_NAME,
            CHANGE, AS_OF, PREVIOUS_AS_OF, CURRENT_VALUE, PREVIOUS_VALUE, AMOUNT, CURRENCY)
            .keyedBy(KIND, SUBJECT_ID);

    /** The order alerts are written and shown in: severity, then kind, then subject. */
    public static org.apache.spark.sql.Column[] order() {
        return new org.apache.spark.sql.Column[] {functions.array_position(functions.array(SEVERITIES.stream()
                .map(functions::lit).toArray(org.apache.spark.sql.Column[]::new)), SEVERITY.col()),
            KIND.col(), SUBJECT_ID.col()};
    }

    /** The inputs of an alerts run, as its manifest records them. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RunOptions(String input, String metrics, String scores, String previousScores, String asOf,
            String previousAsOf, int daysLateJump, double rangeSd) {
    }

    /** Alerts written, by kind. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RunOutputs(long alerts, java.util.Map<String, Long> byKind) {
    }

    private AlertsTables() {
    }
}
