package io.arscope.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

import org.apache.spark.sql.Row;

/** The trends table: the monthly series a CFO follows, each with its trend ({@link Trends}), per slice. */
final class TrendTable {

    private TrendTable() {
    }

    /** The monthly series a CFO follows, each with its trend. */
    static final Map<String, Function<PeriodMetrics.Period, Double>> TREND_METRICS = new LinkedHashMap<>();

    static {
        TREND_METRICS.put("dso_countback", PeriodMetrics.Period::dsoCountback);
        TREND_METRICS.put("dso_standard", PeriodMetrics.Period::dsoStandard);
        TREND_METRICS.put("bpdso_countback", PeriodMetrics.Period::bpdsoCountback);
        TREND_METRICS.put("ddso_countback", PeriodMetrics.Period::ddsoCountback);
        TREND_METRICS.put("cei", PeriodMetrics.Period::cei);
        TREND_METRICS.put("add_past_due", PeriodMetrics.Period::addPastDue);
        TREND_METRICS.put("past_due_share", p -> PeriodMetrics.ratio(p.pastDueAr(), p.endingAr()));
        TREND_METRICS.put("collection_ratio", PeriodMetrics.Period::collectionRatio);
        TREND_METRICS.put("on_time_rate_amount", PeriodMetrics.Period::onTimeRateAmount);
        TREND_METRICS.put("dispute_rate", PeriodMetrics.Period::disputeRate);
        TREND_METRICS.put("bad_debt_ratio", PeriodMetrics.Period::badDebtRatio);
        TREND_METRICS.put("avg_days_to_pay", PeriodMetrics.Period::avgDaysToPay);
        TREND_METRICS.put("wadl", PeriodMetrics.Period::wadl);
    }

    /**
     * The metrics of an invoice-month cohort, taken over what its invoices have done so far: while much of a cohort
     * is open they cover only its fast payers, and a young month would look unusually good; its disputes are not
     * all raised yet (on the sample, 5 to 27 days after the invoice), so October's dispute rate read half of
     * September's. Such a metric enters a trend only for months whose cohort is mature ({@link #isMature}).
     */
    static final Set<String> COHORT_METRICS = Set.of("avg_days_to_pay", "wadl", "dispute_rate");

    /**
     * The largest share of a cohort's amount that may still be open at the as-of date for the cohort to count as
     * mature: at most 10% open, that is at least 90% of its amount paid, credited or written off.
     */
    static final double MATURE_OPEN_SHARE = 0.10;

    /** Whether a month's cohort is settled enough for its cohort metrics to be compared with other months'. */
    static boolean isMature(PeriodMetrics.Period month) {
        return month.cohortOpenShare() != null && month.cohortOpenShare() <= MATURE_OPEN_SHARE;
    }

    /** The money series a CFO follows, whose trends are written in money ({@link MetricsTables#AMOUNT_TRENDS}). */
    static final Map<String, Function<PeriodMetrics.Period, BigDecimal>> AMOUNT_METRICS = new LinkedHashMap<>();

    static {
        AMOUNT_METRICS.put("credit_sales", PeriodMetrics.Period::creditSales);
        AMOUNT_METRICS.put("collections", PeriodMetrics.Period::collections);
        AMOUNT_METRICS.put("ending_ar", PeriodMetrics.Period::endingAr);
    }

    /**
     * The amount_trends rows of one slice. The statistics are those of {@link Trends} on the same series; the amounts
     * are the exact monthly amounts and their differences, and the slope and its interval are rounded to the cent.
     */
    static List<Row> amountRows(List<String> slice, List<PeriodMetrics.Period> periods, TrendConfig config) {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Function<PeriodMetrics.Period, BigDecimal>> metric : AMOUNT_METRICS.entrySet()) {
            SortedMap<YearMonth, BigDecimal> amounts = new TreeMap<>();
            for (PeriodMetrics.Period p : periods) {
                if (p.periodType().equals(PeriodMetrics.MONTH) && metric.getValue().apply(p) != null) {
                    amounts.put(YearMonth.from(p.start()), metric.getValue().apply(p));
                }
            }
            if (amounts.isEmpty()) {
                continue;
            }
            SortedMap<YearMonth, Double> series = new TreeMap<>();
            amounts.forEach((m, a) -> series.put(m, a.doubleValue()));
            Trends.Trend t = Trends.of(series, config);
            BigDecimal latest = amounts.get(t.latestMonth());
            BigDecimal previous = amounts.get(t.latestMonth().minusMonths(1));
            BigDecimal yearAgo = amounts.get(t.latestMonth().minusMonths(12));
            // The same months Trends takes its range from: the rangeWindow months before the latest.
            List<BigDecimal> prior = amounts.subMap(t.latestMonth().minusMonths(config.rangeWindow()), t.latestMonth())
                    .values().stream().toList();
            boolean ranged = t.rangeFlag() != null;
            rows.add(MetricsTables.AMOUNT_TRENDS.row().set(MetricsTables.DIMENSION, slice.get(0))
                    .set(MetricsTables.VALUE, slice.get(1)).set(MetricsTables.METRIC, metric.getKey())
                    .set(MetricsTables.LATEST_MONTH, t.latestMonth().toString())
                    .set(MetricsTables.LATEST_AMOUNT, latest).set(MetricsTables.PREVIOUS_AMOUNT, previous)
                    .set(MetricsTables.CHANGE_VS_PREVIOUS_AMOUNT, previous == null ? null : latest.subtract(previous))
                    .set(MetricsTables.YEAR_AGO_AMOUNT, yearAgo)
                    .set(MetricsTables.CHANGE_VS_YEAR_AGO_AMOUNT, yearAgo == null ? null : latest.subtract(yearAgo))
                    .set(MetricsTables.POINTS, t.points())
                    .set(MetricsTables.SLOPE_PER_MONTH_AMOUNT, cents(t.slopePerMonth()))
                    .set(MetricsTables.SLOPE_LOW_AMOUNT, cents(t.slopeLow()))
                    .set(MetricsTables.SLOPE_HIGH_AMOUNT, cents(t.slopeHigh())).set(MetricsTables.P_VALUE, t.pValue())
                    .set(MetricsTables.RANGE_LOW_AMOUNT, ranged ? java.util.Collections.min(prior) : null)
                    .set(MetricsTables.RANGE_HIGH_AMOUNT, ranged ? java.util.Collections.max(prior) : null)
                    .set(MetricsTables.RANGE_FLAG, t.rangeFlag()).build());
        }
        return rows;
    }

    private static BigDecimal cents(Double value) {
        return value == null ? null : BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_EVEN);
    }

    /**
     * The trends rows of one slice: one per metric with any finite value. A cohort metric's series holds only its
     * mature months, so its latest month is its latest mature one and its range is made of mature months.
     */
    static List<Row> rows(List<String> slice, List<PeriodMetrics.Period> periods, TrendConfig config) {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Function<PeriodMetrics.Period, Double>> metric : TREND_METRICS.entrySet()) {
            SortedMap<YearMonth, Double> series = new TreeMap<>();
            for (PeriodMetrics.Period p : periods) {
                if (p.periodType().equals(PeriodMetrics.MONTH)) {
                    boolean compared = !COHORT_METRICS.contains(metric.getKey()) || isMature(p);
                    series.put(YearMonth.from(p.start()), compared ? metric.getValue().apply(p) : null);
                }
            }
            if (series.values().stream().noneMatch(v -> v != null && Double.isFinite(v))) {
                continue;
            }
            Trends.Trend t = Trends.of(series, config);
            rows.add(MetricsTables.TRENDS.row().set(MetricsTables.DIMENSION, slice.get(0))
                    .set(MetricsTables.VALUE, slice.get(1)).set(MetricsTables.METRIC, metric.getKey())
                    .set(MetricsTables.LATEST_MONTH, t.latestMonth().toString()).set(MetricsTables.LATEST, t.latest())
                    .set(MetricsTables.PREVIOUS, t.previous())
                    .set(MetricsTables.CHANGE_VS_PREVIOUS, t.changeVsPrevious())
                    .set(MetricsTables.YEAR_AGO, t.yearAgo()).set(MetricsTables.CHANGE_VS_YEAR_AGO, t.changeVsYearAgo())
                    .set(MetricsTables.POINTS, t.points()).set(MetricsTables.SLOPE_PER_MONTH, t.slopePerMonth())
                    .set(MetricsTables.SLOPE_LOW, t.slopeLow()).set(MetricsTables.SLOPE_HIGH, t.slopeHigh())
                    .set(MetricsTables.P_VALUE, t.pValue()).set(MetricsTables.RANGE_LOW, t.rangeLow())
                    .set(MetricsTables.RANGE_HIGH, t.rangeHigh()).set(MetricsTables.RANGE_FLAG, t.rangeFlag())
                    .build());
        }
        return rows;
    }
}
