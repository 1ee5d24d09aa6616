package io.arscope.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.apache.spark.sql.Row;

import io.arscope.ledger.Slices;

/**
 * The monthly figures {@link MonthlyFigures} sums in Spark, as each slice's {@link PeriodMetrics.Month}s on the
 * driver: every slice over the same months, so that a month with nothing open reads as zero AR.
 */
final class SliceMonths {

    private SliceMonths() {
    }

    /**
     * The months of each slice from the monthly figures' rows, oldest first, from the first month with any invoice
     * to {@code last}, keyed by (dimension, value), slices in order.
     */
    static Map<List<String>, List<PeriodMetrics.Month>> of(List<Row> rows, int bucketCount,
            YearMonth last) {
        Map<List<String>, SortedMap<YearMonth, PeriodMetrics.Month>> found = new TreeMap<>(
                (a, b) -> (a.get(0) + "\u0000" + a.get(1)).compareTo(b.get(0) + "\u0000" + b.get(1)));
        YearMonth first = null;
        for (Row r : rows) {
            YearMonth month = YearMonth.from((LocalDate) r.getAs(MonthlyFigures.MONTH));
            first = first == null || month.isBefore(first) ? month : first;
            List<BigDecimal> bucketAmounts = new ArrayList<>();
            for (int k = 0; k < bucketCount; k++) {
                bucketAmounts.add(money(r, "bucket_" + k));
            }
            found.computeIfAbsent(List.of(r.getAs(Slices.DIMENSION), r.getAs(Slices.VALUE)), k -> new TreeMap<>())
                    .put(month, new PeriodMetrics.Month(month, money(r, "credit_sales"), money(r, "collections"),
                            money(r, "credit_memos"), money(r, "write_offs"), money(r, "ending_ar"),
                            money(r, "current_ar"), bucketAmounts, money(r, "past_due_day_amount"),
                            money(r, "disputed_ar"), count(r, "invoices_issued"), count(r, "invoices_disputed"),
                            count(r, "due_count"), money(r, "due_amount"), count(r, "on_time_count"),
                            money(r, "on_time_amount"), money(r, "cohort_paid"), money(r, "cohort_pay_days_amount"),
                            money(r, "cohort_late_days_amount"), money(r, "cohort_open"),
                            money(r, MonthlyFigures.ON_ACCOUNT)));
        }
        Map<List<String>, List<PeriodMetrics.Month>> out = new LinkedHashMap<>();
        for (Map.Entry<List<String>, SortedMap<YearMonth, PeriodMetrics.Month>> e : found.entrySet()) {
            // Every slice runs over the same months, so that a month with nothing open reads as zero AR.
            List<PeriodMetrics.Month> months = new ArrayList<>();
            for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
                months.add(e.getValue().getOrDefault(m, PeriodMetrics.Month.empty(m, bucketCount)));
            }
            out.put(e.getKey(), months);
        }
        return out;
    }

    /** A money figure of a row; empty is zero (a slice with nothing that month). */
    static BigDecimal money(Row r, String column) {
        Object v = r.getAs(column);
        return v == null ? BigDecimal.ZERO : ((BigDecimal) v).setScale(2, RoundingMode.UNNECESSARY);
    }

    static long count(Row r, String column) {
        Object v = r.getAs(column);
        return v == null ? 0 : ((Number) v).longValue();
    }
}
