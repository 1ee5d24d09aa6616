package io.arscope.forecast;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Forecasts made at past origins set against the cash that then came in: per origin and week the point forecast,
 * its interval from still earlier errors, and the actual; per week ahead the weighted absolute percentage error
 * (WAPE), the bias and how often the interval held the actual.
 */
public final class ForecastBacktest {

    /** Weekly cash forecast at one origin; {@code actual[k]} is NaN where week k+1 had not ended by the as-of date. */
    public record OriginForecast(LocalDate origin, double[] forecast, double[] actual) {
    }

    /** One origin and week ahead; lower and upper are null where too few earlier errors were known. */
    public record Evaluated(LocalDate origin, int week, double forecast, Double lower, Double upper, double actual,
            int calibration) {

        public Boolean covered() {
            return lower == null ? null : actual >= lower && actual <= upper;
        }
    }

    /** Accuracy at one week ahead over all evaluated origins. */
    public record Accuracy(int week, int origins, double actual, double forecast, Double wape, Double bias,
            int withInterval, Double coverage) {
    }

    private ForecastBacktest() {
    }

    /** A prediction interval and the number of past errors it rests on; no bounds with too few of them. */
    public record Interval(Double lower, Double upper, int calibration) {
    }

    /**
     * Interval of {@code forecast} at {@code week} ahead of {@code origin}, from errors known by that day: none with
     * fewer than {@code minCalibration} of them or too few for the conformal rank at {@code level}; otherwise each
     * side at the miss rate {@link AdaptiveConformal} adapted with {@code step} ({@code past} in origin order).
     */
    public static Interval interval(List<OriginForecast> past, LocalDate origin, int week, double forecast,
            double level, int minCalibration, double step) {
        List<Double> ratios = ratiosKnownBy(past, origin, week);
        if (!PredictionInterval.enough(ratios.size(), level, minCalibration)) {
            return new Interval(null, null, ratios.size());
        }
        AdaptiveConformal.MissRates miss = AdaptiveConformal.missRates(past, origin, week, level, minCalibration,
                step);
        double[] bounds = PredictionInterval.ratioBounds(ratios, miss.low(), miss.high());
        return new Interval(forecast * bounds[0], forecast * bounds[1], ratios.size());
    }

    /**
     * Each origin's cash to date: at week k, the sum of weeks 1 to k, forecast and actual (the actual unknown from the
     * first week not yet ended). Intervals and coverage of these are those of the cash expected by the end of week k,
     * the horizon's total among them, which the weeks' own bounds cannot give: bounds do not add up.
     */
    public static List<OriginForecast> toDate(List<OriginForecast> origins) {
        List<OriginForecast> out = new ArrayList<>();
        for (OriginForecast o : origins) {
            double[] forecast = o.forecast().clone();
            double[] actual = o.actual().clone();
            for (int k = 1; k < forecast.length; k++) {
                forecast[k] += forecast[k - 1];
                actual[k] += actual[k - 1];
            }
            out.add(new OriginForecast(o.origin(), forecast, actual));
        }
        return out;
    }

    static List<Double> ratiosKnownBy(List<OriginForecast> past, LocalDate origin, int week) {
        List<Double> ratios = new ArrayList<>();
        for (OriginForecast o : past) {
            double f = o.forecast()[week - 1];
            double a = o.actual()[week - 1];
            if (!o.origin().plusDays(7L * week).isAfter(origin) && !Double.isNaN(a) && f > 0) {
                ratios.add(a / f);
            }
        }
        return ratios;
    }

    /**
     * Every origin from {@code firstReported} on and week with a known actual, each with the interval earlier origins
     * give it; origins before {@code firstReported} only calibrate, so that the first reported ones already have
     * enough errors behind them.
     */
    public static List<Evaluated> evaluate(List<OriginForecast> origins, LocalDate firstReported, double level,
            int minCalibration, double step) {
        List<Evaluated> out = new ArrayList<>();
        for (OriginForecast o : origins) {
            if (o.origin().isBefore(firstReported)) {
                continue;
            }
            for (int week = 1; week <= o.forecast().length; week++) {
                double actual = o.actual()[week - 1];
                if (Double.isNaN(actual)) {
                    continue;
                }
                double f = o.forecast()[week - 1];
                Interval i = interval(origins, o.origin(), week, f, level, minCalibration, step);
                out.add(new Evaluated(o.origin(), week, f, i.lower(), i.upper(), actual, i.calibration()));
            }
        }
        return out;
    }

    /**
     * WAPE = sum |actual - forecast| / sum actual; bias = sum (forecast - actual) / sum actual; coverage by count. The
     * sums are of each origin's amounts rounded to the cent, as forecast_backtest stores them, so that its rows add up
     * to the week's figures.
     */
    public static List<Accuracy> accuracy(List<Evaluated> evaluated, int weeks) {
        List<Accuracy> out = new ArrayList<>();
        for (int week = 1; week <= weeks; week++) {
            int n = 0;
            int withInterval = 0;
            int covered = 0;
            BigDecimal actual = BigDecimal.ZERO;
            BigDecimal forecast = BigDecimal.ZERO;
            BigDecimal absError = BigDecimal.ZERO;
            for (Evaluated e : evaluated) {
                if (e.week() != week) {
                    continue;
                }
                n++;
                BigDecimal a = ForecastJob.money(e.actual());
                BigDecimal f = ForecastJob.money(e.forecast());
                actual = actual.add(a);
                forecast = forecast.add(f);
                absError = absError.add(a.subtract(f).abs());
                if (e.covered() != null) {
                    withInterval++;
                    covered += e.covered() ? 1 : 0;
                }
            }
            boolean any = actual.signum() > 0;
            out.add(new Accuracy(week, n, actual.doubleValue(), forecast.doubleValue(),
                    any ? absError.doubleValue() / actual.doubleValue() : null,
                    any ? forecast.subtract(actual).doubleValue() / actual.doubleValue() : null, withInterval,
                    withInterval > 0 ? (double) covered / withInterval : null));
        }
        return out;
    }
}
