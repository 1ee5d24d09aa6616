package io.arscope.forecast;

import java.util.List;

/**
 * A split conformal prediction interval from the forecast's own past errors: at each horizon, the ratios of cash
 * actually collected to cash forecast at earlier origins, whose order statistics scale today's forecast. Each side
 * takes the finite-sample conformal rank, so that with exchangeable ratios the interval misses on each side at most
 * (1 - level) / 2 of the time, however few the ratios; the interpolated percentiles used before fell inside the sample
 * and under-covered on small ones. Only origins whose outcome was known on the day of the forecast count, so a
 * backtest never borrows from its future. {@link AdaptiveConformal} moves each side's miss rate off (1 - level) / 2
 * when the errors drift.
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
        double[] sorted = sorted(ratios);
        int n = sorted.length;
        int k = conformalRank(n, level);
        return k > n ? null : new double[] {sorted[n - k], sorted[k - 1]};
    }

    /**
     * The bounds of {@code ratios} when the lower side may miss {@code missLow} of the time and the upper side
     * {@code missHigh}: each side's k = ceil((n + 1)(1 - miss)). A rank beyond n (a miss rate adapted down to where
     * the conformal bound is unbounded) takes the most extreme ratio seen, and a rank inside the median (a miss rate
     * adapted far up) takes the median, so that the lower bound never passes the upper.
     */
    public static double[] ratioBounds(List<Double> ratios, double missLow, double missHigh) {
        double[] sorted = sorted(ratios);
        int n = sorted.length;
        return new double[] {sorted[n - sideRank(n, missLow)], sorted[sideRank(n, missHigh) - 1]};
    }

    /**
     * Whether n past ratios give an interval at all: at least {@code minCalibration} of them, and enough for the
     * conformal rank at {@code level} (9 at 80%); adaptation then only moves the sides.
     */
    static boolean enough(int n, double level, int minCalibration) {
        return n >= minCalibration && conformalRank(n, level) <= n;
    }

    /** The rank k = ceil((n + 1)(1 + level) / 2) of each side's bound among n ratios, counted from its end. */
    static int conformalRank(int n, double level) {
        return (int) Math.ceil((n + 1) * (1 + level) / 2 - RANK_TOLERANCE);
    }

    /** The rank ceil((n + 1)(1 - miss)) of one side's bound, counted from its end, kept between the median and n. */
    static int sideRank(int n, double miss) {
        int k = (int) Math.ceil((n + 1) * (1 - miss) - RANK_TOLERANCE);
        return Math.max((n + 2) / 2, Math.min(n, k));
    }

    private static double[] sorted(List<Double> ratios) {
        return ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }
}
