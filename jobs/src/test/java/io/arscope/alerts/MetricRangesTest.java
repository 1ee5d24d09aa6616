package io.arscope.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import io.arscope.job.OutputTable;
import io.arscope.metrics.MetricsTables;
import io.arscope.testing.TestSpark;

/**
 * Ranges worked by hand over the 12 months 2025-09..2026-08 before 2026-09. DSO alternates 40 and 50: mean 45, sample
 * sd 5 x sqrt(12/11) = 5.2223, range 34.555..55.445; 56.0 is above. CEI is 80 in 11 months and undefined in one:
 * sd 0, and 80.0 is in its (one-point) range. The past-due share alternates 20% and 22%: mean 21%, sd 1.0445 points,
 * range 18.911%..23.089%; 15% is below.
 */
class MetricRangesTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 9, 30);
    /** The period_metrics columns the ranges read. */
    static final OutputTable MONTHS = OutputTable.of("period_metrics", MetricsTables.DIMENSION, MetricsTables.VALUE,
            MetricsTables.PERIOD_TYPE, MetricsTables.PERIOD, MetricsTables.PERIOD_START, MetricsTables.ENDING_AR,
            MetricsTables.PAST_DUE_AR, MetricsTables.DSO_COUNTBACK, MetricsTables.CEI);

    @Test
    void aMetricOutsideTheMeanPlusOrMinusTwoSdOfTheYearBeforeIsAlerted() {
        SparkSession spark = TestSpark.session();
        List<Row> rows = new ArrayList<>();
        YearMonth first = YearMonth.of(2025, 9);
        for (int i = 0; i < 12; i++) {
            rows.add(month(first.plusMonths(i), i % 2 == 0 ? 40.0 : 50.0, i == 3 ? null : 80.0,
                    i % 2 == 0 ? "200.00" : "220.00"));
        }
        rows.add(month(YearMonth.of(2026, 9), 56.0, 80.0, "150.00"));
        // Slices and quarters are not the portfolio's months.
        rows.add(MONTHS.row().set(MetricsTables.DIMENSION, "segment").set(MetricsTables.VALUE, "Retail")
                .set(MetricsTables.PERIOD_TYPE, "month").set(MetricsTables.PERIOD, "2026-09")
                .set(MetricsTables.PERIOD_START, LocalDate.of(2026, 9, 1))
                .set(MetricsTables.ENDING_AR, new BigDecimal("10.00")).set(MetricsTables.PAST_DUE_AR,
                        new BigDecimal("10.00")).set(MetricsTables.DSO_COUNTBACK, 500.0).set(MetricsTables.CEI, 1.0)
                .build());

        List<String> alerts = AlertRows.shown(MetricRanges.of(MONTHS.frame(spark, rows), 2, AS_OF, false));

        assertEquals(List.of(
                "metric_out_of_range | medium | dso_countback | DSO (countback) | DSO (countback) 56.0 days in "
                        + "2026-09, above its range 34.6 days to 55.4 days (mean 45.0 days plus or minus 2 standard "
                        + "deviations over the 12 months before) | 2026-09-30 | null | 56.0 | 45.0 | null | null",
                "metric_out_of_range | medium | past_due_share | Past-due share of ending AR | Past-due share of "
                        + "ending AR 15.0% in 2026-09, below its range 18.9% to 23.1% (mean 21.0% plus or minus 2 "
                        + "standard deviations over the 12 months before) | 2026-09-30 | null | 0.15 | "
                        + "0.21 | null | null"), alerts);
        // The metrics run warned that September's invoices stop early: each alert says so.
        assertEquals(List.of("DSO (countback) 56.0 days in 2026-09, above its range 34.6 days to 55.4 days (mean "
                + "45.0 days plus or minus 2 standard deviations over the 12 months before); the month's invoices "
                + "look cut (the metrics run's warning), so the export may have moved it, not the business"),
                MetricRanges.of(MONTHS.frame(spark, rows), 2, AS_OF, true)
                        .filter(AlertsTables.SUBJECT_ID.col().equalTo("dso_countback"))
                        .select(AlertsTables.CHANGE.col()).as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    }

    @Test
    void fewerThanSixMonthsBeforeMakeNoRange() {
        SparkSession spark = TestSpark.session();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.add(month(YearMonth.of(2026, 4).plusMonths(i), 40.0, 80.0, "200.00"));
        }
        rows.add(month(YearMonth.of(2026, 9), 400.0, 10.0, "990.00"));

        assertEquals(List.of(), AlertRows.shown(MetricRanges.of(MONTHS.frame(spark, rows), 2, AS_OF, false)));
    }

    private static Row month(YearMonth month, Double dso, Double cei, String pastDue) {
        return MONTHS.row().set(MetricsTables.DIMENSION, "total").set(MetricsTables.VALUE, "all")
                .set(MetricsTables.PERIOD_TYPE, "month").set(MetricsTables.PERIOD, month.toString())
                .set(MetricsTables.PERIOD_START, month.atDay(1))
                .set(MetricsTables.ENDING_AR, new BigDecimal("1000.00"))
                .set(MetricsTables.PAST_DUE_AR, new BigDecimal(pastDue)).set(MetricsTables.DSO_COUNTBACK, dso)
                .set(MetricsTables.CEI, cei).build();
    }

    /** Daily runs within a month read the same latest month: its ranges are judged by the first run that reads it. */
    @Test
    void aMonthIsJudgedOnceByTheRunsThatFollowIt() {
        assertTrue(MetricRanges.newMonthSince(null, LocalDate.of(2026, 11, 5)));
        // 2026-10-30 reads September; 2026-10-31, a month-end, reads October.
        assertTrue(MetricRanges.newMonthSince(LocalDate.of(2026, 10, 30), LocalDate.of(2026, 10, 31)));
        assertFalse(MetricRanges.newMonthSince(LocalDate.of(2026, 10, 31), LocalDate.of(2026, 11, 1)));
        assertFalse(MetricRanges.newMonthSince(LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 29)));
        assertTrue(MetricRanges.newMonthSince(LocalDate.of(2026, 11, 29), LocalDate.of(2026, 11, 30)));
    }
}
