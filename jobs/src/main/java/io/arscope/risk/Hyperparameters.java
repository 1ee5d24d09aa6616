package io.arscope.risk;

import java.util.ArrayList;
import java.util.List;

import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.math.optimisers.AdaGrad;

/**
 * One point of the small hyperparameter search {@link RiskTrainer} runs on the validation window: a logistic
 * regression (AdaGrad learning rate, epochs) or an XGBoost model (tree depth, trees, learning rate eta). The
 * search grid is {@link #grid}; the configuration's own settings are one of its points.
 *
 * @param family       {@link #LOGISTIC_REGRESSION} or {@link #XGBOOST}
 * @param learningRate AdaGrad's initial learning rate (logistic regression), else 0
 * @param epochs       passes of stochastic gradient descent (logistic regression), else 0
 * @param maxDepth     tree depth (XGBoost), else 0
 * @param trees        boosting rounds (XGBoost), else 0
 * @param eta          XGBoost's learning rate, else 0
 */
public record Hyperparameters(String family, double learningRate, int epochs, int maxDepth, int trees, double eta) {

    public static final String LOGISTIC_REGRESSION = "logistic_regression";
    public static final String XGBOOST = "xgboost";

    /** AdaGrad learning rates and epochs tried for the logistic regression. */
    static final double[] LR_RATES = {0.1, 1.0};
    static final int[] LR_EPOCHS = {10, 30};
    /** Depths, boosting rounds and learning rates tried for XGBoost: eight fits, bounded time. */
    static final int[] XGB_DEPTHS = {3, 6};
    static final int[] XGB_TREES = {100, 300};
    static final double[] XGB_ETAS = {0.05, 0.1};

    /**
     * The most training invoices a point of the search is fit on. A longer training window is searched on an evenly
     * spaced sample of it, so that the search costs the same at a million invoices as at fifty thousand, and each
     * family's best point is then refit on the whole window: the grid's fits on the sample and two on everything
     * instead of the grid's fits on everything.
     */
    public static final int SEARCH_INVOICES = 50_000;

    public static Hyperparameters logisticRegression(double learningRate, int epochs) {
        return new Hyperparameters(LOGISTIC_REGRESSION, learningRate, epochs, 0, 0, 0);
    }

    public static Hyperparameters xgboost(int maxDepth, int trees, double eta) {
        return new Hyperparameters(XGBOOST, 0, 0, maxDepth, trees, eta);
    }

    /**
     * The search: every combination of the lists above, logistic regressions first, and the configuration's own
     * settings (its epochs at learning rate 1.0; its depth, trees and eta) when the lists lack them.
     */
    public static List<Hyperparameters> grid(RiskConfig config) {
        List<Hyperparameters> out = new ArrayList<>();
        for (double rate : LR_RATES) {
            for (int epochs : LR_EPOCHS) {
                out.add(logisticRegression(rate, epochs));
            }
        }
        addIfAbsent(out, logisticRegression(1.0, config.lrEpochs()));
        for (int depth : XGB_DEPTHS) {
            for (int trees : XGB_TREES) {
                for (double eta : XGB_ETAS) {
                    out.add(xgboost(depth, trees, eta));
                }
            }
        }
        addIfAbsent(out, xgboost(config.maxDepth(), config.trees(), config.eta()));
        return out;
    }

    private static void addIfAbsent(List<Hyperparameters> grid, Hyperparameters point) {
        if (!grid.contains(point)) {
            grid.add(point);
        }
    }

    /**
     * A fresh trainer: the logistic regression on features the {@link Standardizer} has scaled (Tribuo's SGD
     * reseeds per call); XGBoost on one thread, since on two cores two threads measured many times slower and
     * one gives the same model.
     */
    Trainer<Label> trainer(long seed) {
        if (family.equals(LOGISTIC_REGRESSION)) {
            return new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(learningRate, 0.1), epochs, 1000, 1, seed);
        }
        return new XGBoostClassificationTrainer(XGBoostTrainer.BoosterType.GBTREE, XGBoostTrainer.TreeMethod.HIST,
                trees, eta, 0.0, maxDepth, 1.0, 0.8, 0.8, 1.0, 0.0, 1, XGBoostTrainer.LoggingVerbosity.SILENT, seed);
    }

    /** In words, for the printed table: "learning rate 1.0, 30 epochs" or "depth 3, 100 trees, eta 0.05". */
    public String describe() {
        return family.equals(LOGISTIC_REGRESSION) ? String.format("learning rate %s, %d epochs", plain(learningRate),
                epochs) : String.format("depth %d, %d trees, eta %s", maxDepth, trees, plain(eta));
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
