package io.arscope.metrics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Row;

import io.arscope.ledger.Slices;

/** Cohort collection curves: how much of each month's credit sales was collected by each month after. */
final class CohortCurves {

    /** Months after the sales month a curve follows. */
    static final int MONTHS = 12;

    private CohortCurves() {
    }

    /**
     * The cohort_curves rows: per slice and month of sales, the share collected by each month after, from the
     * collections the monthly figures attribute to their sales month.
     */
    static List<Row> rows(List<Row> collected, Map<List<String>, List<PeriodMetrics.Month>> bySlice) {
        Map<List<String>, Map<YearMonth, Map<Integer, BigDecimal>>> cells = new LinkedHashMap<>();
        for (Row r : collected) {
            YearMonth cohort = YearMonth.from((LocalDate) r.getAs("cohort_month"));
            YearMonth paid = YearMonth.from((LocalDate) r.getAs(MonthlyFigures.MONTH));
            int k = (int) cohort.until(paid, java.time.temporal.ChronoUnit.MONTHS);
            cells.computeIfAbsent(List.of(r.getAs(Slices.DIMENSION), r.getAs(Slices.VALUE)), s -> new TreeMap<>())
                    .computeIfAbsent(cohort, c -> new TreeMap<>()).merge(k, SliceMonths.money(r, "collected"), BigDecimal::add);
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<List<String>, List<PeriodMetrics.Month>> slice : bySlice.entrySet()) {
            List<PeriodMetrics.Month> months = slice.getValue();
            YearMonth last = months.get(months.size() - 1).month();
            Map<YearMonth, Map<Integer, BigDecimal>> sliceCells = cells.getOrDefault(slice.getKey(), Map.of());
            for (PeriodMetrics.Month m : months) {
                if (m.creditSales().signum() == 0) {
                    continue;
                }
                Map<Integer, BigDecimal> paid = sliceCells.getOrDefault(m.month(), Map.of());
                BigDecimal cumulative = BigDecimal.ZERO;
                for (int k = 0; k <= MONTHS && !m.month().plusMonths(k).isAfter(last); k++) {
                    cumulative = cumulative.add(paid.getOrDefault(k, BigDecimal.ZERO));
                    rows.add(MetricsTables.COHORT_CURVES.row().set(MetricsTables.DIMENSION, slice.getKey().get(0))
                            .set(MetricsTables.VALUE, slice.getKey().get(1))
                            .set(MetricsTables.COHORT_MONTH, m.month().toString()).set(MetricsTables.MONTHS_AFTER, k)
                            .set(MetricsTables.BILLED, m.creditSales())
                            .set(MetricsTables.COLLECTED_TO_DATE, cumulative)
                            .set(MetricsTables.COLLECTED_SHARE, PeriodMetrics.ratio(cumulative, m.creditSales()))
                            .build());
                }
            }
        }
        return rows;
    }
}
