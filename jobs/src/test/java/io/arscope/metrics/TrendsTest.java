package io.arscope.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.YearMonth;
import java.util.SortedMap;
import java.util.TreeMap;

import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;

/**
 * Expected statistics are computed here from the textbook OLS formulas, not by SimpleRegression, and the slopes
 * and p-value are checked a second time against literals computed apart (python3: fractions and scipy.stats).
 */
class TrendsTest {

    private static final YearMonth JAN_2024 = YearMonth.of(2024, 1);

    /** Values on consecutive months from {@code first}; null and NaN entries are put in as such. */
    private static SortedMap<YearMonth, Double> series(YearMonth first, Double... values) {
        SortedMap<YearMonth, Double> series = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            series.put(first.plusMonths(i), values[i]);
        }
        return series;
    }

    /** Textbook OLS: slope = Sxy/Sxx, se = sqrt(SSE/(n-2)/Sxx), t interval and two-sided p from t(n-2). */
    private record Ols(double slope, double se, double low, double high, double p) {
        static Ols fit(double[] x, double[] y, double confidence) {
            int n = x.length;
            double xBar = 0, yBar = 0;
            for (int i = 0; i < n; i++) {
                xBar += x[i] / n;
                yBar += y[i] / n;
            }
            double sxx = 0, sxy = 0;
            for (int i = 0; i < n; i++) {
                sxx += (x[i] - xBar) * (x[i] - xBar);
                sxy += (x[i] - xBar) * (y[i] - yBar);
            }
            double slope = sxy / sxx;
            double intercept = yBar - slope * xBar;
            double sse = 0;
            for (int i = 0; i < n; i++) {
                double residual = y[i] - intercept - slope * x[i];
                sse += residual * residual;
            }
            double se = Math.sqrt(sse / (n - 2) / sxx);
            TDistribution t = new TDistribution(n - 2);
            double critical = t.inverseCumulativeProbability(1 - (1 - confidence) / 2);
            double p = 2 * (1 - t.cumulativeProbability(Math.abs(slope / se)));
            return new Ols(slope, se, slope - critical * se, slope + critical * se, p);
        }
    }

    @Test
    void exactLinearTrendHasItsSlopeAndACollapsedInterval() {
        Double[] y = new Double[12];
        for (int x = 0; x < 12; x++) {
            y[x] = 40 + 0.5 * x;
        }
        Trends.Trend trend = Trends.of(series(JAN_2024, y), TrendConfig.DEFAULT);

        assertEquals(YearMonth.of(2024, 12), trend.latestMonth());
        assertEquals(45.5, trend.latest());
        assertEquals(12, trend.points());
        assertEquals(0.5, trend.slopePerMonth(), 1e-12);
        assertEquals(0.5, trend.slopeLow(), 1e-12);
        assertEquals(0.5, trend.slopeHigh(), 1e-12);
        assertEquals(0.0, trend.pValue(), 1e-12);
        // The 12 months before December 2024 hold 40.0 .. 45.0, and 45.5 is above them.
        assertEquals(40.0, trend.rangeLow());
        assertEquals(45.0, trend.rangeHigh());
        assertEquals("above_range", trend.rangeFlag());
    }

    @Test
    void flatSeriesHasZeroSlopeAndNoPValue() {
        Trends.Trend trend = Trends.of(series(JAN_2024, 37.3, 37.3, 37.3, 37.3, 37.3), TrendConfig.DEFAULT);

        assertEquals(0.0, trend.slopePerMonth());
        assertEquals(0.0, trend.slopeLow());
        assertEquals(0.0, trend.slopeHigh());
        assertNull(trend.pValue());
        assertEquals("in_range", trend.rangeFlag());
    }

    @Test
    void noisySeriesMatchesTheTextbookFormulas() {
        double[] y = {52.1, 49.8, 53.4, 55.0, 51.7, 56.9, 58.2, 55.6};
        double[] x = {0, 1, 2, 3, 4, 5, 6, 7};
        Double[] values = new Double[y.length];
        for (int i = 0; i < y.length; i++) {
            values[i] = y[i];
        }
        Trends.Trend trend = Trends.of(series(YearMonth.of(2024, 3), values), TrendConfig.DEFAULT);
        Ols expected = Ols.fit(x, y, 0.95);

        assertEquals(8, trend.points());
        assertEquals(expected.slope(), trend.slopePerMonth(), 1e-9);
        assertEquals(expected.low(), trend.slopeLow(), 1e-9);
        assertEquals(expected.high(), trend.slopeHigh(), 1e-9);
        assertEquals(expected.p(), trend.pValue(), 1e-9);
        // Computed apart: 737/840 exactly; scipy.stats.linregress and t.ppf(0.975, 6) for the rest.
        assertEquals(0.8773809523809524, trend.slopePerMonth(), 1e-12);
        assertEquals(0.3093596939761088, expected.se(), 1e-12);
        assertEquals(0.029717967066636965, trend.pValue(), 1e-9);
        assertEquals(0.12040505092422826, trend.slopeLow(), 1e-9);
        assertEquals(1.6343568538376771, trend.slopeHigh(), 1e-9);

        assertEquals(YearMonth.of(2024, 10), trend.latestMonth());
        assertEquals(58.2, trend.previous());
        assertEquals(55.6 - 58.2, trend.changeVsPrevious(), 1e-12);
        assertEquals(49.8, trend.rangeLow());
        assertEquals(58.2, trend.rangeHigh());
        assertEquals("in_range", trend.rangeFlag());
    }

    @Test
    void missingAndUndefinedMonthsStillCountOnTheXAxis() {
        // March absent, May NaN: the points are at months 0, 1, 3 and 5.
        SortedMap<YearMonth, Double> series = series(JAN_2024, 30.0, 31.5, null, 33.0, Double.NaN, 36.0);
        series.remove(YearMonth.of(2024, 3));
        Trends.Trend trend = Trends.of(series, TrendConfig.DEFAULT);
        double[] y = {30.0, 31.5, 33.0, 36.0};
        Ols expected = Ols.fit(new double[] {0, 1, 3, 5}, y, 0.95);

        assertEquals(4, trend.points());
        assertEquals(expected.slope(), trend.slopePerMonth(), 1e-9);
        assertEquals(expected.low(), trend.slopeLow(), 1e-9);
        assertEquals(expected.high(), trend.slopeHigh(), 1e-9);
        assertEquals(expected.p(), trend.pValue(), 1e-9);
        assertEquals(135.0 / 118, trend.slopePerMonth(), 1e-12);  // python3 fractions
        assertEquals(0.009732591694761481, trend.pValue(), 1e-9); // scipy.stats.linregress
        // Numbering the points 0..3 instead would give 1.95: the gaps do matter.
        assertNotEquals(Ols.fit(new double[] {0, 1, 2, 3}, y, 0.95).slope(), trend.slopePerMonth(), 0.1);
    }

    @Test
    void onlyTheLastWindowMonthsAreFitted() {
        // Ten months, a window of six: the fit sees months 5..10 of the series, the first four do not count.
        SortedMap<YearMonth, Double> series = series(JAN_2024, 90.0, 10.0, 75.0, 20.0, 50.0, 51.0, 53.0, 52.0, 55.0,
                54.0);
        Trends.Trend trend = Trends.of(series, new TrendConfig(6, 0.9, 12));
        Ols expected = Ols.fit(new double[] {0, 1, 2, 3, 4, 5}, new double[] {50, 51, 53, 52, 55, 54}, 0.9);

        assertEquals(6, trend.points());
        assertEquals(expected.slope(), trend.slopePerMonth(), 1e-9);
        assertEquals(expected.low(), trend.slopeLow(), 1e-9);
        assertEquals(expected.high(), trend.slopeHigh(), 1e-9);

        // The window is in calendar months: only December and January fall in the six months to January 2025.
        SortedMap<YearMonth, Double> sparse = series(JAN_2024, 1.0, 2.0, 3.0);
        sparse.put(YearMonth.of(2024, 12), 4.0);
        sparse.put(YearMonth.of(2025, 1), 5.0);
        Trends.Trend few = Trends.of(sparse, new TrendConfig(6, 0.9, 12));
        assertEquals(2, few.points());
        assertNull(few.slopePerMonth());
        assertNull(few.slopeLow());
        assertNull(few.slopeHigh());
        assertNull(few.pValue());
    }

    @Test
    void changesAgainstThePreviousMonthAndAYearAgo() {
        SortedMap<YearMonth, Double> series = new TreeMap<>();
        series.put(YearMonth.of(2023, 6), 50.0);
        series.put(YearMonth.of(2024, 5), 48.0);
        series.put(YearMonth.of(2024, 6), 47.0);
        series.put(YearMonth.of(2024, 7), Double.NaN); // not defined: June stays the latest month
        series.put(YearMonth.of(2024, 8), null);
        Trends.Trend trend = Trends.of(series, TrendConfig.DEFAULT);

        assertEquals(YearMonth.of(2024, 6), trend.latestMonth());
        assertEquals(47.0, trend.latest());
        assertEquals(48.0, trend.previous());
        assertEquals(-1.0, trend.changeVsPrevious());
        assertEquals(50.0, trend.yearAgo());
        assertEquals(-3.0, trend.changeVsYearAgo());
        // June 2023 to May 2024 holds two values: too few for a range. The slope's 13 months, June 2023 to June
        // 2024, hold three: 50, 48 and 47 at months 0, 11 and 12, so the year-ago value is in the fit. By hand: x
        // mean 23/3, y mean 145/3; Sxy = -59/3, Sxx = 266/3; slope = -59/266.
        assertEquals(3, trend.points());
        assertEquals(-59.0 / 266, trend.slopePerMonth(), 1e-12);
        assertNull(trend.rangeLow());
        assertNull(trend.rangeHigh());
        assertNull(trend.rangeFlag());

        series.put(YearMonth.of(2024, 5), Double.NaN);
        series.remove(YearMonth.of(2023, 6));
        Trends.Trend missing = Trends.of(series, TrendConfig.DEFAULT);
        assertNull(missing.previous());
        assertNull(missing.changeVsPrevious());
        assertNull(missing.yearAgo());
        assertNull(missing.changeVsYearAgo());
        assertEquals(1, missing.points());
    }

    @Test
    void rangeFlagAgainstTheMonthsBeforeTheLatest() {
        assertEquals("below_range", Trends.of(series(JAN_2024, 50.0, 52.0, 51.0, 49.0, 45.0), TrendConfig.DEFAULT)
                .rangeFlag());
        assertEquals("above_range", Trends.of(series(JAN_2024, 50.0, 52.0, 51.0, 49.0, 52.5), TrendConfig.DEFAULT)
                .rangeFlag());
        // The bounds are inclusive.
        assertEquals("in_range", Trends.of(series(JAN_2024, 50.0, 52.0, 51.0, 49.0, 52.0), TrendConfig.DEFAULT)
                .rangeFlag());
        assertEquals("in_range", Trends.of(series(JAN_2024, 50.0, 52.0, 51.0, 49.0, 49.0), TrendConfig.DEFAULT)
                .rangeFlag());

        // A range window of 3 reaches back exactly 3 months: 1000 four months back is outside it, NaN is skipped.
        Trends.Trend trend = Trends.of(series(JAN_2024, 1000.0, 20.0, Double.NaN, 22.0, 21.0, 30.0),
                new TrendConfig(12, 0.95, 3));
        assertNull(trend.rangeFlag()); // two defined values among the three months before June
        trend = Trends.of(series(JAN_2024, 1000.0, 20.0, 23.0, 22.0, 21.0), new TrendConfig(12, 0.95, 3));
        assertEquals(20.0, trend.rangeLow());
        assertEquals(23.0, trend.rangeHigh());
        assertEquals("in_range", trend.rangeFlag());
    }

    @Test
    void seriesWithoutADefinedValueIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trends.of(new TreeMap<>(), TrendConfig.DEFAULT));
        assertEquals("the series has no defined value", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Trends.of(series(JAN_2024, Double.NaN, null, Double.POSITIVE_INFINITY), TrendConfig.DEFAULT));
    }

    @Test
    void configIsValidated() {
        assertEquals(new TrendConfig(13, 0.95, 12), TrendConfig.DEFAULT);
        assertEquals("trend window must be at least 3 months, was 2",
                assertThrows(IllegalArgumentException.class, () -> new TrendConfig(2, 0.95, 12)).getMessage());
        assertEquals("confidence must be strictly between 0 and 1, was 1.0",
                assertThrows(IllegalArgumentException.class, () -> new TrendConfig(12, 1.0, 12)).getMessage());
        assertEquals("confidence must be strictly between 0 and 1, was 0.0",
                assertThrows(IllegalArgumentException.class, () -> new TrendConfig(12, 0.0, 12)).getMessage());
        assertEquals("confidence must be strictly between 0 and 1, was NaN",
                assertThrows(IllegalArgumentException.class, () -> new TrendConfig(12, Double.NaN, 12)).getMessage());
        assertEquals("range window must be at least 3 months, was 0",
                assertThrows(IllegalArgumentException.class, () -> new TrendConfig(12, 0.95, 0)).getMessage());
    }
}
