package io.arscope.risk;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.arscope.job.SummaryFigure;

/**
 * Whether a trained model's scores may be published: only when its ranking beats the plain baseline (the customer's
 * own past late share) on the validation window by a margin, on the figure a collections lead acts on, the share of
 * the late amount among the riskiest 20% of invoices. A model that does not is refused, and the scores fall back to
 * the baseline's ranking ({@link BaselineScores}).
 *
 * @param metric   the figure compared, {@value #METRIC}
 * @param margin   how much the model must beat the baseline by, in shares (0.01 is one percentage point)
 * @param model    the model's figure on the validation window; null when the window has no late amount
 * @param baseline the baseline's figure on the validation window; null likewise
 * @param passed   whether the model's scores are published
 * @param decision the decision in words, as the score step prints it
 * @param modelValidation    the model's whole evaluation on the validation window
 * @param baselineValidation the baseline's whole evaluation on the validation window
 * @param testModel          the model's figure on the later test window, which the gate does not look at (so that
 *                           the test stays honest); null when the window has no late amount, or for a manifest written
 *                           before it was recorded
 * @param testBaseline       the baseline's figure on the test window; null likewise
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"metric", "margin", "model", "baseline", "passed", "decision", "model_validation",
    "baseline_validation", "test_model", "test_baseline"})
public record ModelGate(String metric, double margin, Double model, Double baseline, boolean passed, String decision,
        Evaluation modelValidation, Evaluation baselineValidation, Double testModel, Double testBaseline) {

    public static final String METRIC = "late_amount_top20";
    /** The default margin: the model must capture one percentage point more of the late amount. */
    public static final double DEFAULT_MARGIN = 0.01;

    /** The gate for a model as its model.json records it. */
    public static ModelGate decide(ModelMetadata meta, double margin) {
        return decide(meta.validationEvaluation(), meta.validationBaselineCustomerLateShare(), meta.testEvaluation(),
                meta.testBaselineCustomerLateShare(), margin);
    }

    /**
     * The gate for a model with its validation figures (null for a model trained before Arscope recorded them, which
     * is refused and must be retrained) and its test figures, which are recorded beside the decision, not used in it.
     */
    public static ModelGate decide(Evaluation modelValidation, Evaluation baselineValidation, Evaluation modelTest,
            Evaluation baselineTest, double margin) {
        if (!(margin >= 0 && margin < 1)) {
            throw new IllegalArgumentException("the model gate's margin must be within 0..1, was " + margin);
        }
        if (modelValidation == null || baselineValidation == null) {
            return new ModelGate(METRIC, margin, null, null, false, "model refused: its model.json has no "
                    + "validation figures (trained by an older Arscope; retrain it); the worklist ranks by the "
                    + "baseline, the customer's own past late share", modelValidation, baselineValidation, null, null);
        }
        Double model = finite(modelValidation.captureTop20());
        Double baseline = finite(baselineValidation.captureTop20());
        boolean passed = model != null && baseline != null && model - baseline >= margin - 1e-12;
        String figures = String.format("late amount in the riskiest 20%% of validation invoices %s, baseline %s, %s",
                percent(model), percent(baseline), lead(model, baseline, margin));
        String decision = passed ? "model published: " + figures
                : "model refused, it does not beat the baseline by the margin: " + figures
                        + "; the worklist ranks by the baseline, the customer's own past late share";
        return new ModelGate(METRIC, margin, model, baseline, passed, decision, modelValidation, baselineValidation,
                modelTest == null ? null : finite(modelTest.captureTop20()),
                baselineTest == null ? null : finite(baselineTest.captureTop20()));
    }

    /**
     * Whether a published model fell behind the baseline on the test window: its validation figures earned it the
     * gate, but its ranking did not hold on the later invoices, which whoever reads its scores should be told.
     */
    public boolean fellBehindOnTest() {
        return passed && testModel != null && testBaseline != null && testModel < testBaseline;
    }

    /** The test window's figures in words, for {@link #fellBehindOnTest}. */
    public String testFigures() {
        return String.format("late amount in the riskiest 20%% of test invoices %s, baseline %s", percent(testModel),
                percent(testBaseline));
    }

    /** How far the model is ahead of the baseline beside the margin asked, in percentage points. */
    private static String lead(Double model, Double baseline, double margin) {
        String asked = String.format("the margin asks %.1f", 100 * margin);
        if (model == null || baseline == null) {
            return asked + " points";
        }
        double points = Math.round(1000 * (model - baseline)) / 10.0;
        return (points == 0 ? "level" : String.format("%.1f points %s", Math.abs(points), points > 0 ? "ahead"
                : "behind")) + " where " + asked;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static String percent(Double share) {
        return SummaryFigure.percent(share, "%.1f%%", "no late amount");
    }
}
