package io.arscope.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.junit.jupiter.api.Test;


/**
 * Immature cohorts raise no trend flags. On the sample as of 2026-10-31, October's cohort was 83.6% open and its
 * average days to pay (10.1) and WADL (0.0) were flagged "below_range": only its fast payers had paid. Here 14
 * months, 2025-09 to 2026-10, each invoicing 1,000: the months to 2026-07 fully settled, paid in 30, 31, 32, 30, ...
 * days (2 days late each); 2026-08 10% open (the most a mature cohort may hold), its 900 paid in 32 days; 2026-09 33%
 * open, paid in 20 days; 2026-10 83.55% open, paid in 10 days, none late.
 */
class CohortMaturityTest {

    private static final BigDecimal Z = BigDecimal.ZERO;

    @Test
    void aCohortMetricIsComparedAtItsLatestMatureMonth() {
        List<Row> rows = TrendTable.rows(List.of("total", "all"), PeriodMetrics.of(months("100"), DayCount.ACTUAL),
                TrendConfig.DEFAULT);
        // Before: latest 2026-10, 10.0 against 20.0..32.0, below_range. Now 2026-08's 32.0 against the 30.0..32.0
        // of 2025-09..2026-07, the 12 points of 2025-09..2026-08 fitted.
        Row days = metric(rows, "avg_days_to_pay");
        assertEquals(List.of("2026-08", 32.0, 31.0, 12, 30.0, 32.0, "in_range"), figures(days));
        // WADL: 2.0 every mature month, so 2026-08's 2.0 is in its range (bounds inclusive); before, 0.0 below it.
        Row wadl = metric(rows, "wadl");
        assertEquals(List.of("2026-08", 2.0, 2.0, 12, 2.0, 2.0, "in_range"), figures(wadl));
        // A metric of the month's balances, not of a cohort, still reads October.
        assertEquals("2026-10", MetricsTables.LATEST_MONTH.of(named(metric(rows, "dso_countback"))));
    }

    @Test
    void aCohortMoreThanTenPercentOpenIsNotYetMature() {
        // 2026-08 with 101 of 1,000 open (10.1%): the latest mature month is 2026-07, paid in 31 days.
        List<Row> rows = TrendTable.rows(List.of("total", "all"), PeriodMetrics.of(months("101"), DayCount.ACTUAL),
                TrendConfig.DEFAULT);
        assertEquals(List.of("2026-07", 31.0, 30.0, 11, 30.0, 32.0, "in_range"),
                figures(metric(rows, "avg_days_to_pay")));
    }

    private static List<PeriodMetrics.Month> months(String augustOpen) {
        List<PeriodMetrics.Month> months = new ArrayList<>();
        YearMonth first = YearMonth.of(2025, 9);
        for (int i = 0; i < 14; i++) {
            BigDecimal open;
            BigDecimal payDays;
            BigDecimal lateDays;
            if (i < 11) {
                open = Z;
                payDays = BigDecimal.valueOf(30 + i % 3);
                lateDays = BigDecimal.valueOf(2);
            } else if (i == 11) {
                open = new BigDecimal(augustOpen);
                payDays = BigDecimal.valueOf(32);
                lateDays = BigDecimal.valueOf(2);
            } else if (i == 12) {
                open = new BigDecimal("330");
                payDays = BigDecimal.valueOf(20);
                lateDays = new BigDecimal("0.5");
            } else {
                open = new BigDecimal("835.5");
                payDays = BigDecimal.TEN;
                lateDays = Z;
            }
            BigDecimal paid = new BigDecimal("1000").subtract(open);
            months.add(new PeriodMetrics.Month(first.plusMonths(i), new BigDecimal("1000"), paid, Z, Z, open, Z,
                    Collections.nCopies(4, Z), Z, Z, 10, 0, 0, Z, 0, Z, paid, paid.multiply(payDays),
                    paid.multiply(lateDays), open, Z));
        }
        return months;
    }

    private static Row metric(List<Row> rows, String metric) {
        return rows.stream().filter(r -> metric.equals(named(r).getAs("metric"))).findFirst()
                .orElseThrow();
    }

    /** Latest month, latest, previous, points, range low and high, flag. */
    private static List<Object> figures(Row row) {
        Row r = named(row);
        return List.of(MetricsTables.LATEST_MONTH.of(r), MetricsTables.LATEST.of(r), MetricsTables.PREVIOUS.of(r),
                MetricsTables.POINTS.of(r), MetricsTables.RANGE_LOW.of(r), MetricsTables.RANGE_HIGH.of(r),
                MetricsTables.RANGE_FLAG.of(r));
    }

    private static Row named(Row row) {
        Object[] values = new Object[row.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.get(i);
        }
        return new GenericRowWithSchema(values, MetricsTables.TRENDS.schema());
    }
}
