package io.arscope.forecast;

import java.util.List;

/**
 * A split conformal prediction interval from the forecast's own past errors: at each horizon, the ratios of cash
 * actually collected to cash forecast at earlier origins, whose order statistics scale today's forecast. Each side
 * takes the finite-sample conformal rank, so that with exchangeable ratios the interval misses on each side at most
 * (1 - level) / 2 of the time, however few the ratios; the interpolated percentiles used before fell inside the sample
 * and under-covered on small ones. Only origins whose outcome was known on the day of the forecast count, so a
 * backtest never borrows from its future.
 */
public final class PredictionInterval {

    /** Guards the rank against (n + 1) x 0.9 coming out as 9.000000000000002 for n = 9. */
    private static final double RANK_TOLERANCE = 1e-9;

    private PredictionInterval() {
    }

    /**
     * The bounds of {@code ratios} at {@code level}: the k-th smallest and the k-th largest ratio, with
     * k = ceil((n + 1)(1 + level) / 2); null when k exceeds n (fewer than 9 ratios at 80%), since the conformal
     * bound is then unbounded and no finite interval keeps the promise.
     */
    public static double[] ratioBounds(List<Double> ratios, double level) {
        double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        int k = conformalRank(n, level);
        return k > n ? null : new double[] {sorted[n - k], sorted[k - 1]};
    }

    /** The rank k = ceil((n + 1)(1 + level) / 2) of each side's bound among n ratios, counted from its end. */
    static int conformalRank(int n, double level) {
        return (int) Math.ceil((n + 1) * (1 + level) / 2 - RANK_TOLERANCE);
    }
}
