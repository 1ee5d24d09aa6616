package io.arscope.metrics;

import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * Answers the two questions asked first of a monthly metric such as DSO: is it heading up or down, beyond what
 * month-to-month noise explains, and is the latest month unusual against the months before it. Plain Java, so
 * it runs on the handful of monthly values a job has already aggregated, not on a Dataset.
 */
public final class Trends {

    private Trends() {
    }

    /**
     * The trend of one series at its latest defined month. Every statistic that cannot be computed from the data
     * (a month missing, too few points) is null rather than NaN, so that it is written as empty, not as a number.
     *
     * <p>The slope is the ordinary least squares slope per calendar month over the defined values of the last
     * {@code window} months; a missing month still counts as a month on the x axis. It, its interval and its
     * p-value are null with fewer than 3 points, since two points always fit a line exactly. When the fit is exact
     * (no residual variance) the interval is [slope, slope] and the p-value 0, both up to rounding; a flat series
     * has slope 0, interval [0, 0] and a null p-value, as a zero slope with zero error leaves nothing to test.
     *
     * <p>The range is the lowest and highest defined value in the {@code rangeWindow} months before the latest
     * one; it and its flag are null with fewer than 3 such values, too few to call anything usual. The bounds are
     * inclusive: a latest value equal to the previous high is "in_range".
     */
    public record Trend(
            YearMonth latestMonth,
            Double latest,
            Double previous,
            Double changeVsPrevious,
            Double yearAgo,
            Double changeVsYearAgo,
            int points,
            Double slopePerMonth,
            Double slopeLow,
            Double slopeHigh,
            Double pValue,
            Double rangeLow,
            Double rangeHigh,
            String rangeFlag) {
    }

    /**
     * The trend of {@code series} at its latest defined month. Null, NaN and infinite values mean "not defined that
     * month" and are skipped.
     *
     * @throws IllegalArgumentException if no month has a defined value
     */
    public static Trend of(SortedMap<YearMonth, Double> series, TrendConfig config) {
        List<Map.Entry<YearMonth, Double>> defined = series.entrySet().stream()
                .filter(e -> isDefined(e.getValue()))
                .toList();
        if (defined.isEmpty()) {
            throw new IllegalArgumentException("the series has no defined value");
        }
        YearMonth latestMonth = defined.get(defined.size() - 1).getKey();
        double latest = series.get(latestMonth);
        Double previous = valueAt(series, latestMonth.minusMonths(1));
        Double yearAgo = valueAt(series, latestMonth.minusMonths(12));

        YearMonth windowStart = latestMonth.minusMonths(config.window() - 1);
        SimpleRegression regression = new SimpleRegression();
        for (Map.Entry<YearMonth, Double> e : defined) {
            if (!e.getKey().isBefore(windowStart)) {
                regression.addData(windowStart.until(e.getKey(), ChronoUnit.MONTHS), e.getValue());
            }
        }
        int points = (int) regression.getN();
        Double slope = null, low = null, high = null, pValue = null;
        if (points >= 3) {
            slope = orNull(regression.getSlope());
            double halfWidth = regression.getSlopeConfidenceInterval(1 - config.confidence());
            low = orNull(regression.getSlope() - halfWidth);
            high = orNull(regression.getSlope() + halfWidth);
            // A flat series gives 0/0 for the t statistic, so NaN, which is returned as null.
            pValue = orNull(regression.getSignificance());
        }

        YearMonth rangeStart = latestMonth.minusMonths(config.rangeWindow());
        DoubleSummaryStatistics prior = defined.stream()
                .filter(e -> !e.getKey().isBefore(rangeStart) && e.getKey().isBefore(latestMonth))
                .mapToDouble(Map.Entry::getValue)
                .summaryStatistics();
        Double rangeLow = null, rangeHigh = null;
        String rangeFlag = null;
        if (prior.getCount() >= 3) {
            rangeLow = prior.getMin();
            rangeHigh = prior.getMax();
            rangeFlag = latest > rangeHigh ? "above_range" : latest < rangeLow ? "below_range" : "in_range";
        }

        return new Trend(latestMonth, latest,
                previous, previous == null ? null : latest - previous,
                yearAgo, yearAgo == null ? null : latest - yearAgo,
                points, slope, low, high, pValue, rangeLow, rangeHigh, rangeFlag);
    }

    private static boolean isDefined(Double value) {
        // Infinite too: a ratio such as DSO over a month without sales, which no fit or range can use.
        return value != null && Double.isFinite(value);
    }

    private static Double valueAt(SortedMap<YearMonth, Double> series, YearMonth month) {
        Double value = series.get(month);
        return isDefined(value) ? value : null;
    }

    private static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
