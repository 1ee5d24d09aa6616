package io.arscope.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The train and evaluate summary lines never print NaN: a figure over one class only says n/a and why. */
class RiskSummaryLinesTest {

    @Test
    void aWindowWithOneClassOnlyShowsNaWithItsReason() {
        Evaluation allOnTime = new Evaluation(4, 0.0, Double.NaN, Double.NaN, 0.0625, 0.25, Double.NaN,
                Double.NaN, List.of());
        assertEquals("test, model" + " ".repeat(17) + " invoices       4  late   0.0%  ROC AUC n/a (no late invoice)"
                + "  PR AUC n/a (no late invoice)  Brier 0.0625  ECE 0.2500  late amount in top 10% n/a (no late amount), top 20% "
                + "n/a (no late amount)", EvaluateJob.summary("test, model", allOnTime));
        Evaluation allLate = new Evaluation(3, 1.0, Double.NaN, 1.0, 0.25, 0.5, 0.5, 0.5, List.of());
        assertEquals("test, baseline" + " ".repeat(14) + " invoices       3  late 100.0%  ROC AUC n/a (no invoice on "
                + "time)  PR AUC 1.000  Brier 0.2500  ECE 0.5000  late amount in top 10%  50.0%, top 20%  50.0%",
                EvaluateJob.summary("test, baseline", allLate));
    }

    @Test
    void aWindowWithBothClassesShowsItsFigures() {
        Evaluation e = new Evaluation(200, 0.25, 0.8124, 0.5, 0.1875, 0.03125, 0.4, 0.55, List.of());
        assertEquals("test, model" + " ".repeat(17) + " invoices     200  late  25.0%  ROC AUC 0.812  PR AUC 0.500"
                + "  Brier 0.1875  ECE 0.0313  late amount in top 10%  40.0%, top 20%  55.0%", EvaluateJob.summary("test, model", e));
    }

    @Test
    void eachCandidatesValidationAucToThreeDecimalsOrNa() {
        Map<String, Double> aucs = new LinkedHashMap<>();
        aucs.put("logistic", 0.7514);
        aucs.put("xgboost", Double.NaN);
        assertEquals("logistic 0.751, xgboost n/a (the validation window holds one class only)",
                TrainJob.validationAuc(aucs));
    }
}
