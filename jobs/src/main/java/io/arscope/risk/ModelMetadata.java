package io.arscope.risk;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A model directory's {@code model.json}: what the model was trained on and how, in Arscope's terms beside Tribuo's
 * own provenance. Scoring refuses data without the model's features; runs record the training window and data
 * fingerprint; evaluation falls back on the test window and the training late share.
 *
 * @param arscopeVersion                 the Arscope that trained it
 * @param featureVersion                 the version of {@link RiskFeatures} it was trained on
 * @param features                       every feature, one-hot levels included
 * @param baseFeatures                   the features without levels: what data of the same version provides
 * @param input                          the ingest run trained on
 * @param labelsAsOf                     outcomes as known on this day
 * @param config                         the model's settings
 * @param train                          the training window
 * @param validation                     the validation window
 * @param test                           the test window
 * @param trainingDataSha256             a fingerprint of the training rows
 * @param chosen                         the classifier chosen on validation
 * @param validationRocAuc               each classifier's validation ROC AUC
 * @param calibrated                     whether Platt calibration was applied
 * @param platt                          the calibration's slope and intercept, or null
 * @param standardizer                   mean and scale of each feature
 * @param testEvaluation                 the model on the test window
 * @param testBaselineCustomerLateShare  the baseline on the test window
 * @param testDaysLateMae                mean absolute error of the days-late regression on settled test invoices
 * @param validationEvaluation           the model on the validation window, which the {@link ModelGate} compares
 * @param validationBaselineCustomerLateShare the baseline on the validation window
 * @param hyperparameters                the chosen classifier's point of the search
 * @param search                         every point of the hyperparameter search and its validation ROC AUC
 * @param searchInvoices                 the training invoices each point of the search was fit on: all of them, or
 *                                       an evenly spaced sample ({@link Hyperparameters#SEARCH_INVOICES}); null in a
 *                                       model.json written before it was recorded
 * @param comparison                     each family's best point and the baseline on validation and test
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"arscope_version", "feature_version", "features", "base_features", "input", "labels_as_of",
    "config", "train", "validation", "test", "training_data_sha256", "chosen", "validation_roc_auc", "calibrated",
    "platt", "standardizer", "test_evaluation", "test_baseline_customer_late_share", "test_days_late_mae",
    "validation_evaluation", "validation_baseline_customer_late_share", "hyperparameters", "search",
    "search_invoices", "comparison"})
public record ModelMetadata(String arscopeVersion, int featureVersion, List<String> features,
        List<String> baseFeatures, String input, String labelsAsOf, RiskConfig config, Window train,
        Window validation, Window test, String trainingDataSha256, String chosen, Map<String, Double> validationRocAuc,
        boolean calibrated, double[] platt, Map<String, double[]> standardizer, Evaluation testEvaluation,
        Evaluation testBaselineCustomerLateShare, double testDaysLateMae, Evaluation validationEvaluation,
        Evaluation validationBaselineCustomerLateShare, Hyperparameters hyperparameters, List<RiskTrainer.Tried> search,
        Integer searchInvoices, List<RiskTrainer.Compared> comparison) {

    /** A window of the time-ordered split: its invoices, first and last invoice dates, and late share. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Window(int invoices, String from, String to, double lateShare) {
    }
}
