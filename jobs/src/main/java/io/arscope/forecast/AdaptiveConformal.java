package io.arscope.forecast;

import java.time.LocalDate;
import java.util.List;

/**
 * Adaptive conformal inference (Gibbs and Candès, 2021), one side of the interval at a time: each side aims to miss
 * (1 - level) / 2 of the time, and every earlier origin whose outcome is known by the day of the forecast is replayed
 * in order, with the interval it had on its own day; a miss on a side lowers that side's miss rate by
 * step x (1 - (1 - level) / 2), a hold raises it by step x (1 - level) / 2. When customers start paying faster or
 * slower than in the weeks calibrated on, the side the actuals now fall beyond widens within weeks, where the plain
 * conformal interval, weighing a year of older errors equally, would go on missing. The method guarantees a long-run
 * miss share near the target whatever the errors do, where a side may grow without bound; here a side stops at the
 * most extreme ratio seen, so an error beyond every earlier one still misses. Step 0 is the plain split conformal
 * interval.
 */
public final class AdaptiveConformal {

    /** The miss rate each side of the interval aims at on the day of the forecast. */
    public record MissRates(double low, double high) {
    }

    private AdaptiveConformal() {
    }

    /**
     * Each side's miss rate at {@code week} ahead of {@code origin}, after replaying every earlier origin in
     * {@code past} whose week had ended by that day; origins that had too few errors for an interval of their own
     * move nothing.
     */
    public static MissRates missRates(List<ForecastBacktest.OriginForecast> past, LocalDate origin, int week,
            double level, int minCalibration, double step) {
        double target = (1 - level) / 2;
        double low = target;
        double high = target;
        if (step == 0) {
            return new MissRates(low, high);
        }
        for (ForecastBacktest.OriginForecast p : past) {
            double f = p.forecast()[week - 1];
            double a = p.actual()[week - 1];
            if (p.origin().plusDays(7L * week).isAfter(origin) || Double.isNaN(a) || f <= 0) {
                continue;
            }
            List<Double> ratios = ForecastBacktest.ratiosKnownBy(past, p.origin(), week);
            if (!PredictionInterval.enough(ratios.size(), level, minCalibration)) {
                continue;
            }
            double[] bounds = PredictionInterval.ratioBounds(ratios, low, high);
            double ratio = a / f;
            low += step * (target - (ratio < bounds[0] ? 1 : 0));
            high += step * (target - (ratio > bounds[1] ? 1 : 0));
        }
        return new MissRates(low, high);
    }
}
