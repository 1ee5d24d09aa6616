package io.arscope.risk;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Centres and scales the numeric features on the training rows' mean and standard deviation, so that the logistic
 * regression learns comparable weights and its weight times value is a fair contribution, and holds each value
 * within its training range, so that it does not extrapolate. One-hot levels and flags stay 0/1. The invoice model's
 * range is the training values' least to greatest ({@link #fit}); the customer model's leaves out the outer
 * percentiles ({@link #fitWithinRange}).
 */
public record Standardizer(Map<String, double[]> meanAndScale) implements Serializable {

    /**
     * As {@link #fit(List)}, also recording a range for each feature, within which {@link #apply} then holds a value,
     * in training as in scoring: a logistic regression extrapolates without bound, so one customer owing a thousand
     * billion, far beyond any training customer, was scored 0 by a weight learnt on ordinary balances. The range is
     * the training values' 1st to 99th percentile (nearest rank), so that one outlier in training cannot stretch it;
     * the mean and scale are those of the values so held. A feature that takes one value over that range (0 for
     * nearly every customer, say) keeps its whole range. Each feature's entry is its mean, scale, least and greatest
     * value.
     */
    public static Standardizer fitWithinRange(List<Map<String, Double>> rows) {
        Map<String, List<Double>> values = new HashMap<>();
        for (Map<String, Double> row : rows) {
            row.forEach((name, v) -> {
                if (numeric(name)) {
                    values.computeIfAbsent(name, k -> new ArrayList<>()).add(v);
                }
            });
        }
        Map<String, double[]> out = new TreeMap<>();
        values.forEach((name, list) -> {
            double[] sorted = list.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int n = sorted.length;
            double[] fitted = heldMoments(sorted, sorted[(int) Math.floor(0.01 * (n - 1))],
                    sorted[(int) Math.ceil(0.99 * (n - 1))]);
            if (fitted == null) {
                fitted = heldMoments(sorted, sorted[0], sorted[n - 1]);
            }
            if (fitted != null) {
                out.put(name, fitted);
            }
        });
        return new Standardizer(out);
    }

    /** Mean, scale, low and high of the values held within [low, high]; null when they do not vary. */
    private static double[] heldMoments(double[] values, double low, double high) {
        double sum = 0;
        double squares = 0;
        for (double v : values) {
            double held = Math.max(low, Math.min(high, v));
            sum += held;
            squares += held * held;
        }
        double mean = sum / values.length;
        double sd = Math.sqrt(Math.max(0, squares / values.length - mean * mean));
        return sd > 1e-12 ? new double[] {mean, sd, low, high} : null;
    }

    /**
     * Mean, scale and range of each numeric feature over the training rows. Training values all lie within their
     * range, so holding to it changes nothing in training; in scoring it keeps a linear model from extrapolating
     * beyond what it learnt from, and {@link #beyond} names the features so held. A feature that never varied in
     * training is left unscaled (mean 0, scale 1; Tribuo's own standardisation divides those by zero) and held at
     * its one value.
     */
    public static Standardizer fit(List<Map<String, Double>> rows) {
        Map<String, double[]> sums = new HashMap<>();
        for (Map<String, Double> row : rows) {
            for (Map.Entry<String, Double> e : row.entrySet()) {
                if (numeric(e.getKey())) {
                    double v = e.getValue();
                    double[] s = sums.computeIfAbsent(e.getKey(),
                            k -> new double[] {0, 0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
                    s[0]++;
                    s[1] += v;
                    s[2] += v * v;
                    s[3] = Math.min(s[3], v);
                    s[4] = Math.max(s[4], v);
                }
            }
        }
        Map<String, double[]> out = new TreeMap<>();
        sums.forEach((name, s) -> {
            double mean = s[1] / s[0];
            double sd = Math.sqrt(Math.max(0, s[2] / s[0] - mean * mean));
            out.put(name, sd > 1e-12 ? new double[] {mean, sd, s[3], s[4]} : new double[] {0, 1, s[3], s[4]});
        });
        return new Standardizer(out);
    }

    /** Whether every numeric feature has a recorded range (a model.json written before 2026-12 has none). */
    public boolean rangesRecorded() {
        return meanAndScale.values().stream().allMatch(ms -> ms.length >= 4);
    }

    /**
     * The numeric features of {@code row} whose value lies outside its recorded range, in name order: those that
     * {@link #apply} holds at the nearest value seen in training.
     */
    public List<String> beyond(Map<String, Double> row) {
        List<String> out = new ArrayList<>(0);
        for (Map.Entry<String, double[]> e : meanAndScale.entrySet()) {
            Double v = row.get(e.getKey());
            double[] ms = e.getValue();
            if (v != null && ms.length >= 4 && (v < ms[2] || v > ms[3])) {
                out.add(e.getKey());
            }
        }
        out.sort(null);
        return out;
    }

    private static boolean numeric(String name) {
        return !name.contains("=") && !name.equals("no_history") && !name.equals("no_payment_yet");
    }

    private static double within(double v, double[] meanScaleRange) {
        return meanScaleRange.length < 4 ? v : Math.max(meanScaleRange[2], Math.min(meanScaleRange[3], v));
    }

    /** Each numeric feature centred and scaled, first held within its training range when one was recorded. */
    public Map<String, Double> apply(Map<String, Double> row) {
        Map<String, Double> out = new HashMap<>(row.size() * 2);
        row.forEach((name, v) -> {
            double[] ms = meanAndScale.get(name);
            out.put(name, ms == null ? v : (within(v, ms) - ms[0]) / ms[1]);
        });
        return out;
    }
}
