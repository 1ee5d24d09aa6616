package io.arscope.risk;

import java.io.Serializable;

/**
 * Configuration of risk-model training and scoring.
 *
 * @param graceDays  days after the due date still counted as on time: the label is late when paid more than this
 *                   many days after due
 * @param trainShare share of labelled invoices, oldest first, to train on
 * @param validShare share after those to choose the model and calibrate on; the newest rest is the test set
 * @param seed       seed of every random choice in training
 * @param trees      boosting rounds of the gradient-boosted model
 * @param maxDepth   tree depth of the gradient-boosted model
 * @param eta        learning rate of the gradient-boosted model
 * @param lrEpochs   passes of the logistic regression's stochastic gradient descent
 * @param highBand   probability from which an invoice is high risk
 * @param mediumBand probability from which an invoice is medium risk
 */
public record RiskConfig(int graceDays, double trainShare, double validShare, long seed, int trees, int maxDepth,
        double eta, int lrEpochs, double highBand, double mediumBand) implements Serializable {

    public static final RiskConfig DEFAULT = new RiskConfig(0, 0.70, 0.15, 42L, 100, 3, 0.05, 30, 0.6, 0.3);

    public RiskConfig {
        if (graceDays < 0) {
            throw new IllegalArgumentException("grace days must be zero or more, was " + graceDays);
        }
        if (!(trainShare > 0 && validShare > 0 && trainShare + validShare < 1)) {
            throw new IllegalArgumentException("train and validation shares must be above zero and leave a test "
                    + "share, were " + trainShare + " and " + validShare);
        }
        if (!(mediumBand > 0 && mediumBand < highBand && highBand < 1)) {
            throw new IllegalArgumentException("risk bands need 0 < medium < high < 1, were " + mediumBand + " and "
                    + highBand);
        }
    }

    public RiskConfig withGraceDays(int days) {
        return new RiskConfig(days, trainShare, validShare, seed, trees, maxDepth, eta, lrEpochs, highBand,
                mediumBand);
    }

    public RiskConfig withSeed(long newSeed) {
        return new RiskConfig(graceDays, trainShare, validShare, newSeed, trees, maxDepth, eta, lrEpochs, highBand,
                mediumBand);
    }

    public String band(double probability) {
        return probability >= highBand ? "high" : probability >= mediumBand ? "medium" : "low";
    }
}
