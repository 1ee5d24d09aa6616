package io.arscope.risk;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Centres and scales the numeric features on the training invoices' mean and standard deviation, so that the
 * logistic regression learns comparable weights and its weight times value is a fair contribution. One-hot
 * levels and flags stay 0/1, and a feature that never varied in training is left as it is (Tribuo's own
 * standardisation divides those by zero).
 */
public record Standardizer(Map<String, double[]> meanAndScale) implements Serializable {

    public static Standardizer fit(List<Map<String, Double>> rows) {
        Map<String, double[]> sums = new HashMap<>();
        for (Map<String, Double> row : rows) {
            for (Map.Entry<String, Double> e : row.entrySet()) {
                if (numeric(e.getKey())) {
                    double[] s = sums.computeIfAbsent(e.getKey(), k -> new double[3]);
                    s[0]++;
                    s[1] += e.getValue();
                    s[2] += e.getValue() * e.getValue();
                }
            }
        }
        Map<String, double[]> out = new TreeMap<>();
        sums.forEach((name, s) -> {
            double mean = s[1] / s[0];
            double sd = Math.sqrt(Math.max(0, s[2] / s[0] - mean * mean));
            if (sd > 1e-12) {
                out.put(name, new double[] {mean, sd});
            }
        });
        return new Standardizer(out);
    }

    private static boolean numeric(String name) {
        return !name.contains("=") && !name.equals("no_history") && !name.equals("no_payment_yet");
    }

    public Map<String, Double> apply(Map<String, Double> row) {
        Map<String, Double> out = new HashMap<>(row.size() * 2);
        row.forEach((name, v) -> {
            double[] ms = meanAndScale.get(name);
            out.put(name, ms == null ? v : (v - ms[0]) / ms[1]);
        });
        return out;
    }
}
