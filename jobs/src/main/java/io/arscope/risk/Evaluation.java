package io.arscope.risk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How good a set of late-payment probabilities is against what happened: ROC AUC, PR AUC (average precision),
 * Brier score, expected calibration error, calibration by decile, and the share of the late amount captured by the
 * riskiest 10% and 20% of invoices, the figure a collections lead cares about.
 *
 * <p>{@code ece} is NaN in a model.json written before Arscope recorded it.
 */
public record Evaluation(int rows, double lateShare, double rocAuc, double prAuc, double brier, double ece,
        double captureTop10, double captureTop20, List<Decile> calibration) {

    /** Bins of the expected calibration error: equal-width on [0, 1]. */
    static final int ECE_BINS = 10;

    // A model.json written before the ECE was recorded has none: NaN, never a calibration error of 0.
    @JsonCreator
    static Evaluation read(@JsonProperty("rows") int rows,
            @JsonProperty("lateShare") double lateShare,
            @JsonProperty("rocAuc") double rocAuc,
            @JsonProperty("prAuc") double prAuc,
            @JsonProperty("brier") double brier,
            @JsonProperty("ece") Double ece,
            @JsonProperty("captureTop10") double captureTop10,
            @JsonProperty("captureTop20") double captureTop20,
            @JsonProperty("calibration") List<Decile> calibration) {
        return new Evaluation(rows, lateShare, rocAuc, prAuc, brier, ece == null ? Double.NaN : ece, captureTop10,
                captureTop20, calibration);
    }

    /** One tenth of the invoices by predicted probability: mean prediction against the observed late share. */
    public record Decile(int decile, int rows, double meanPredicted, double observedLate) {
    }

    /**
     * @param p       predicted probabilities of paying late
     * @param late    what happened
     * @param amounts invoice amounts, for the capture of late amount
     */
    public static Evaluation of(double[] p, boolean[] late, double[] amounts) {
        int n = p.length;
        if (n == 0 || late.length != n || amounts.length != n) {
            throw new IllegalArgumentException("need as many outcomes and amounts as predictions, and at least one");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // Riskiest first; ties in index order so that results are reproducible.
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -p[i]).thenComparingInt(i -> i));
        int positives = 0;
        double brier = 0;
        for (int i = 0; i < n; i++) {
            positives += late[i] ? 1 : 0;
            brier += Math.pow(p[i] - (late[i] ? 1 : 0), 2);
        }
        return new Evaluation(n, (double) positives / n, rocAuc(p, late, positives), averagePrecision(order, p, late,
                positives), brier / n, expectedCalibrationError(p, late), capture(order, late, amounts, 0.10), capture(order, late, amounts, 0.20),
                deciles(order, p, late));
    }

    /** Probability that a random late invoice scores above a random on-time one, ties counting half. */
    static double rocAuc(double[] p, boolean[] late, int positives) {
        int n = p.length;
        int negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        Integer[] ascending = new Integer[n];
        for (int i = 0; i < n; i++) {
            ascending[i] = i;
        }
        Arrays.sort(ascending, Comparator.comparingDouble(i -> p[i]));
        double rankSum = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && p[ascending[j + 1]] == p[ascending[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (late[ascending[k]]) {
                    rankSum += midRank;
                }
            }
            i = j + 1;
        }
        // In doubles: positives * (positives + 1) overflows an int from 46,341 late invoices.
        return (rankSum - positives * (positives + 1.0) / 2.0) / ((double) positives * negatives);
    }

    /** Mean of the precision at each late invoice, walking down the ranking; tied scores form one step. */
    static double averagePrecision(Integer[] order, double[] p, boolean[] late, int positives) {
        if (positives == 0) {
            return Double.NaN;
        }
        double ap = 0;
        int seen = 0;
        int hits = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            int groupHits = 0;
            while (j < order.length && p[order[j]] == p[order[i]]) {
                groupHits += late[order[j]] ? 1 : 0;
                j++;
            }
            seen = j;
            hits += groupHits;
            ap += groupHits * ((double) hits / seen);
            i = j;
        }
        return ap / positives;
    }

    /**
     * Expected calibration error: the predictions fall into {@value #ECE_BINS} equal-width bins [0, 0.1), [0.1, 0.2),
     * ..., [0.9, 1]; ECE = sum over non-empty bins of (invoices in the bin / all invoices) x |mean prediction in the
     * bin - share of them paid late|.
     */
    static double expectedCalibrationError(double[] p, boolean[] late) {
        double[] sumP = new double[ECE_BINS];
        int[] lateCount = new int[ECE_BINS];
        int[] count = new int[ECE_BINS];
        for (int i = 0; i < p.length; i++) {
            int bin = Math.min(ECE_BINS - 1, (int) Math.floor(p[i] * ECE_BINS));
            sumP[bin] += p[i];
            lateCount[bin] += late[i] ? 1 : 0;
            count[bin]++;
        }
        double ece = 0;
        for (int b = 0; b < ECE_BINS; b++) {
            if (count[b] > 0) {
                ece += Math.abs(sumP[b] - lateCount[b]) / p.length;
            }
        }
        return ece;
    }

    static double capture(Integer[] order, boolean[] late, double[] amounts, double share) {
        double lateTotal = 0;
        for (int i = 0; i < late.length; i++) {
            lateTotal += late[i] ? amounts[i] : 0;
        }
        if (lateTotal == 0) {
            return Double.NaN;
        }
        int top = (int) Math.ceil(order.length * share);
        double captured = 0;
        for (int k = 0; k < top; k++) {
            captured += late[order[k]] ? amounts[order[k]] : 0;
        }
        return captured / lateTotal;
    }

    static List<Decile> deciles(Integer[] order, double[] p, boolean[] late) {
        List<Decile> out = new ArrayList<>();
        int n = order.length;
        for (int d = 0; d < 10; d++) {
            // Decile 1 is the least risky tenth.
            int from = n - (int) Math.round(n * (d + 1) / 10.0);
            int to = n - (int) Math.round(n * d / 10.0);
            double sumP = 0;
            int lateCount = 0;
            for (int k = from; k < to; k++) {
                sumP += p[order[k]];
                lateCount += late[order[k]] ? 1 : 0;
            }
            int rows = to - from;
            out.add(new Decile(d + 1, rows, rows == 0 ? Double.NaN : sumP / rows,
                    rows == 0 ? Double.NaN : (double) lateCount / rows));
        }
        return out;
    }
}
