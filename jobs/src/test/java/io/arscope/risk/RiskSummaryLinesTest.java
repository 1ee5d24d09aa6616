package io.arscope.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

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
    void trainPrintsTheComparisonTableWhyTheChosenWasChosenAndTheSearch() {
        Hyperparameters lr = Hyperparameters.logisticRegression(1.0, 30);
        Hyperparameters xgb = Hyperparameters.xgboost(3, 100, 0.05);
        List<RiskTrainer.Compared> rows = List.of(
                new RiskTrainer.Compared("logistic_regression", lr, true, evaluation(0.8951, 0.7944, 0.11234, 0.03125),
                        evaluation(0.859, 0.671, 0.1371, 0.0456)),
                new RiskTrainer.Compared("xgboost", xgb, false, evaluation(0.9041, 0.801, 0.11, 0.02),
                        evaluation(0.861, 0.68, 0.135, 0.03)),
                new RiskTrainer.Compared(RiskTrainer.BASELINE, null, false, evaluation(0.9, 0.781, 0.1224, 0.05),
                        evaluation(Double.NaN, 1.0, 0.25, 0.5)));
        List<RiskTrainer.Tried> search = List.of(
                new RiskTrainer.Tried(Hyperparameters.logisticRegression(0.1, 10), 0.881),
                new RiskTrainer.Tried(lr, 0.8951),
                new RiskTrainer.Tried(xgb, 0.9041),
                new RiskTrainer.Tried(Hyperparameters.xgboost(6, 300, 0.1), 0.899));
        assertEquals(List.of(
                "candidate            hyperparameters                calibrated   val AUC    val PR val Brier   val ECE"
                        + "  test AUC   test PR test Brier  test ECE",
                "logistic_regression  learning rate 1, 30 epochs     Platt          0.895     0.794    0.1123    0.0313"
                        + "     0.859     0.671    0.1371    0.0456",
                "xgboost              depth 3, 100 trees, eta 0.05   no             0.904     0.801    0.1100    0.0200"
                        + "     0.861     0.680    0.1350    0.0300",
                "baseline             customer's past late share     -              0.900     0.781    0.1224    0.0500"
                        + "       n/a     1.000    0.2500    0.5000",
                "chosen: xgboost (depth 3, 100 trees, eta 0.05), the higher validation ROC AUC before calibration: "
                        + "0.904 against 0.895 for logistic_regression; not recalibrated, as Platt scaling did not "
                        + "lower its validation Brier score; the test columns are reported, never used to choose",
                "search (4 points, validation ROC AUC before calibration):",
                "  logistic_regression  learning rate 0.1, 10 epochs   0.881",
                "  logistic_regression  learning rate 1, 30 epochs     0.895",
                "  xgboost              depth 3, 100 trees, eta 0.05   0.904",
                "  xgboost              depth 6, 300 trees, eta 0.1    0.899"),
                ComparisonTable.lines("xgboost", rows, search, 2_000, 2_000));
        // A long training window is searched on a sample of it; the header says so.
        assertEquals("search (4 points, validation ROC AUC before calibration; each fit on 50,000 of the 120,000 "
                + "training invoices, evenly spaced, and the best of each family refit on all):",
                ComparisonTable.lines("xgboost", rows, search, 50_000, 120_000).get(5));
        // 0.9041 and 0.9038 both read 0.904: the chosen line tells them apart with a fourth decimal.
        List<RiskTrainer.Tried> close = List.of(new RiskTrainer.Tried(lr, 0.9038), new RiskTrainer.Tried(xgb, 0.9041));
        assertEquals("chosen: xgboost (depth 3, 100 trees, eta 0.05), the higher validation ROC AUC before calibration: "
                + "0.9041 against 0.9038 for logistic_regression; not recalibrated, as Platt scaling did not lower its "
                + "validation Brier score; the test columns are reported, never used to choose",
                ComparisonTable.lines("xgboost", rows, close, 2_000, 2_000).get(4));
    }

    private static Evaluation evaluation(double rocAuc, double prAuc, double brier, double ece) {
        return new Evaluation(370, 0.3, rocAuc, prAuc, brier, ece, 0.3, 0.5, List.of());
    }
}
