package io.arscope.alerts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.arscope.ledger.Slices;
import io.arscope.metrics.MetricsJob;
import io.arscope.metrics.MetricsTables;
import io.arscope.metrics.PeriodMetrics;

/**
 * Portfolio metrics of the latest month outside their recent range ({@value AlertsTables#METRIC_OUT_OF_RANGE}):
 * DSO (countback), CEI and the past-due share of ending AR, from the total portfolio's months of period_metrics.
 * The range is the mean plus and minus {@code k} sample standard deviations of the metric over the
 * {@value #WINDOW} months before the latest month, of those where it is defined; a metric defined in fewer than
 * {@value #MIN_MONTHS} of them has no range and raises nothing. Months are computed on the driver: a portfolio has a
 * few dozen.
 */
public final class MetricRanges {
    public static final int WINDOW = 12;
    public static final int MIN_MONTHS = 6;
    /** The default {@code k}: two standard deviations. */
    public static final double DEFAULT_SD = 2.0;

    /** A metric watched: its column (or what it is computed from), its name in words, its unit. */
    record Metric(String id, String name, Function<Row, Double> value, Function<Double, String> shown) {
    }

    static final List<Metric> METRICS = List.of(
            new Metric(MetricsTables.DSO_COUNTBACK.name(), "DSO (countback)", MetricsTables.DSO_COUNTBACK::of,
                    v -> String.format(Locale.ROOT, "%.1f days", v)),
            new Metric(MetricsTables.CEI.name(), "CEI", MetricsTables.CEI::of,
                    v -> String.format(Locale.ROOT, "%.1f%%", v)),
            new Metric("past_due_share", "Past-due share of ending AR", MetricRanges::pastDueShare,
                    v -> String.format(Locale.ROOT, "%.1f%%", v * 100)));

    private MetricRanges() {
    }

    /**
     * Whether a run as of {@code day} reads a later month than the previous run, as of {@code previousRun} (null:
     * none) did. A month's figures out of range are news once: the daily runs within the month after it read the
     * same month, and raised the same alerts every day.
     */
    public static boolean newMonthSince(LocalDate previousRun, LocalDate day) {
        return previousRun == null || !MetricsJob.lastMonthEnd(previousRun).equals(MetricsJob.lastMonthEnd(day));
    }

    /**
     * @param periodMetrics the metrics job's period_metrics
     * @param k             how many standard deviations either side of the mean the range reaches
     * @param latestCut     whether the metrics run warned that the latest month's invoices stop early
     *                      ({@link io.arscope.metrics.InvoicingCutOff}): each alert then says the export may be
     *                      what moved the figure
     * @return rows of {@link AlertsTables#ALERTS}, {@value AlertsTables#MEDIUM}
     */
    public static Dataset<Row> of(Dataset<Row> periodMetrics, double k, LocalDate asOf, boolean latestCut) {
        List<Row> months = periodMetrics.filter(MetricsTables.DIMENSION.col().equalTo(Slices.TOTAL)
                        .and(MetricsTables.VALUE.col().equalTo(Slices.ALL))
                        .and(MetricsTables.PERIOD_TYPE.col().equalTo(PeriodMetrics.MONTH)))
                .orderBy(MetricsTables.PERIOD_START.col()).collectAsList();
        List<Row> out = new ArrayList<>();
        if (months.size() > 1) {
            Row latest = months.get(months.size() - 1);
            List<Row> before = months.subList(Math.max(0, months.size() - 1 - WINDOW), months.size() - 1);
            for (Metric m : METRICS) {
                Row alert = alert(m, latest, before, k, asOf, latestCut);
                if (alert != null) {
                    out.add(alert);
                }
            }
        }
        return AlertsTables.ALERTS.frame(periodMetrics.sparkSession(), out);
    }

    private static Row alert(Metric m, Row latest, List<Row> before, double k, LocalDate asOf, boolean latestCut) {
        Double now = m.value().apply(latest);
        List<Double> values = before.stream().map(m.value()).filter(v -> v != null && Double.isFinite(v)).toList();
        if (now == null || !Double.isFinite(now) || values.size() < MIN_MONTHS) {
            return null;
        }
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double sd = Math.sqrt(values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (values.size() - 1));
        double low = mean - k * sd;
        double high = mean + k * sd;
        if (now >= low && now <= high) {
            return null;
        }
        String month = MetricsTables.PERIOD.of(latest);
        String change = String.format(Locale.ROOT, "%s %s in %s, %s its range %s to %s (mean %s plus or minus %s "
                + "standard deviations over the %d months before)", m.name(), m.shown().apply(now), month,
                now > high ? "above" : "below", m.shown().apply(low), m.shown().apply(high), m.shown().apply(mean),
                stripped(k), values.size()) + (latestCut ? "; the month's invoices look cut (the metrics run's "
                        + "warning), so the export may have moved it, not the business" : "");
        return AlertsTables.ALERTS.row().set(AlertsTables.KIND, AlertsTables.METRIC_OUT_OF_RANGE)
                .set(AlertsTables.SEVERITY, AlertsTables.MEDIUM).set(AlertsTables.SUBJECT_ID, m.id())
                .set(AlertsTables.SUBJECT_NAME, m.name()).set(AlertsTables.CHANGE, change)
                .set(AlertsTables.AS_OF, asOf).set(AlertsTables.PREVIOUS_AS_OF, null)
                .set(AlertsTables.CURRENT_VALUE, now).set(AlertsTables.PREVIOUS_VALUE, mean)
                .set(AlertsTables.AMOUNT, null).set(AlertsTables.CURRENCY, null).build();
    }

    /** Past-due AR over ending AR; null without AR. */
    private static Double pastDueShare(Row month) {
        java.math.BigDecimal ending = MetricsTables.ENDING_AR.of(month);
        return ending.signum() == 0 ? null : MetricsTables.PAST_DUE_AR.of(month).doubleValue() / ending.doubleValue();
    }

    /** 2.0 as "2", 1.5 as "1.5". */
    private static String stripped(double k) {
        return java.math.BigDecimal.valueOf(k).stripTrailingZeros().toPlainString();
    }
}
