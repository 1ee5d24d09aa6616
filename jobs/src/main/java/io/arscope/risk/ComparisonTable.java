package io.arscope.risk;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The table {@code train} prints: the best logistic regression, the best XGBoost model and the baseline, each with
 * ROC AUC, PR AUC, Brier score and expected calibration error on the validation and the test window; then which
 * was chosen and why, and every point of the hyperparameter search with its validation ROC AUC.
 */
public final class ComparisonTable {

    private static final String ROW = "%-20s %-30s %-10s %9s %9s %9s %9s %9s %9s %9s %9s";

    private ComparisonTable() {
    }

    public static List<String> lines(RiskTrainer.Result r) {
        return lines(r.chosen(), r.comparison(), r.search(), r.searchInvoices(), r.train().size());
    }

    static List<String> lines(String chosen, List<RiskTrainer.Compared> rows, List<RiskTrainer.Tried> search,
            int searchInvoices, int trainInvoices) {
        List<String> out = new ArrayList<>();
        out.add(String.format(ROW, "candidate", "hyperparameters", "calibrated", "val AUC", "val PR", "val Brier",
                "val ECE", "test AUC", "test PR", "test Brier", "test ECE"));
        for (RiskTrainer.Compared c : rows) {
            out.add(String.format(ROW, c.name(), c.hyperparameters() == null ? "customer's past late share"
                    : c.hyperparameters().describe(), c.hyperparameters() == null ? "-" : c.calibrated() ? "Platt"
                    : "no", auc(c.validation().rocAuc()), auc(c.validation().prAuc()), share(c.validation().brier()),
                    share(c.validation().ece()), auc(c.test().rocAuc()), auc(c.test().prAuc()),
                    share(c.test().brier()), share(c.test().ece())));
        }
        RiskTrainer.Compared winner = rows.stream().filter(c -> c.name().equals(chosen)).findFirst().orElseThrow();
        List<RiskTrainer.Compared> losers = rows.stream().filter(c -> !c.name().equals(chosen)
                && c.hyperparameters() != null).toList();
        // Figures that read the same to three decimals are told apart by a fourth.
        String pattern = losers.stream().anyMatch(c -> auc(rocAuc(search, c)).equals(auc(rocAuc(search, winner))))
                ? "%.4f" : "%.3f";
        String others = losers.stream().map(c -> figure(pattern, rocAuc(search, c)) + " for " + c.name())
                .collect(Collectors.joining(", "));
        out.add("chosen: " + chosen + " (" + winner.hyperparameters().describe() + "), the higher validation ROC AUC "
                + "before calibration: " + figure(pattern, rocAuc(search, winner))
                + (others.isEmpty() ? "" : " against " + others)
                + (winner.calibrated() ? "; Platt-calibrated on validation, which lowered its Brier score"
                        : "; not recalibrated, as Platt scaling did not lower its validation Brier score")
                + "; the test columns are reported, never used to choose");
        out.add("search (" + search.size() + " points, validation ROC AUC before calibration"
                + (searchInvoices < trainInvoices ? String.format("; each fit on %,d of the %,d training invoices, evenly "
                        + "spaced, and the best of each family refit on all", searchInvoices, trainInvoices) : "")
                + "):");
        for (RiskTrainer.Tried t : search) {
            out.add(String.format("  %-20s %-30s %s", t.hyperparameters().family(), t.hyperparameters().describe(),
                    auc(t.validationRocAuc())));
        }
        return out;
    }

    private static double rocAuc(List<RiskTrainer.Tried> search, RiskTrainer.Compared c) {
        return search.stream().filter(t -> t.hyperparameters().equals(c.hyperparameters())).findFirst().orElseThrow()
                .validationRocAuc();
    }

    /** A window with one class only has no AUC: n/a, never a number. */
    private static String auc(double v) {
        return figure("%.3f", v);
    }

    private static String figure(String pattern, double v) {
        return Double.isFinite(v) ? String.format(pattern, v) : "n/a";
    }

    private static String share(double v) {
        return figure("%.4f", v);
    }
}
