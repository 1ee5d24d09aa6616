package io.arscope.forecast;

import java.util.List;

/**
 * A prediction interval from the forecast's own past errors: at each horizon, the ratios of cash actually
 * collected to cash forecast at earlier origins, whose lower and upper quantiles scale today's forecast. Only
 * origins whose outcome was known on the day of the forecast count, so a backtest never borrows from its future.
 */
public final class PredictionInterval {

    private PredictionInterval() {
    }

    /** The quantile bounds of {@code ratios} at {@code level} (e.g. 0.8 gives the 10th and 90th percentiles). */
    public static double[] ratioBounds(List<Double> ratios, double level) {
        double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new double[] {quantile(sorted, (1 - level) / 2), quantile(sorted, (1 + level) / 2)};
    }

    /** Quantile with linear interpolation between order statistics (type 7, as R and NumPy by default). */
    static double quantile(double[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
