package io.arscope.metrics;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.arscope.job.Column;
import io.arscope.job.OutputCheckException;
import io.arscope.job.OutputChecks;
import io.arscope.job.OutputTable;
import io.arscope.ledger.AgingBuckets;
import io.arscope.testing.TestSpark;

/**
 * period_metrics' checks on a hand-made table: October 2026, three invoices issued for 1,200.00, 1,000.00 of it
 * current and 200.00 in 1-30, one segment holding them all. The table as computed passes; each check fails on one
 * value changed by hand, and says where.
 */
class MetricsChecksTest {

    private static final OutputTable TABLE = MetricsTables.periodMetrics(AgingBuckets.DEFAULT);
    private static SparkSession spark;
    private static Dataset<Row> computed;

    @BeforeAll
    static void table() {
        spark = TestSpark.session();
        BigDecimal z = BigDecimal.ZERO.setScale(2);
        PeriodMetrics.Month october = new PeriodMetrics.Month(YearMonth.of(2026, 10), new BigDecimal("1200.00"), z, z,
                z, new BigDecimal("1200.00"), new BigDecimal("1000.00"), List.of(new BigDecimal("1000.00"),
                        new BigDecimal("200.00"), z, z, z), z, z, 3, 0, 2, new BigDecimal("800.00"), 1,
                new BigDecimal("500.00"), z, z, z, new BigDecimal("1200.00"), new BigDecimal("200.00"));
        List<Row> rows = new ArrayList<>();
        for (List<String> slice : List.of(List.of("total", "all"), List.of("segment", "A"))) {
            for (PeriodMetrics.Period p : PeriodMetrics.of(List.of(october), DayCount.ACTUAL)) {
                rows.add(MetricsTables.periodRow(TABLE, slice, p, AgingBuckets.DEFAULT, "USD"));
            }
        }
        computed = TABLE.frame(spark, rows);
    }

    /** The table with {@code column} set to {@code value} in one row: the slice's month row for October. */
    private static Dataset<Row> changed(String dimension, Column<?> column, Object value) {
        return computed.withColumn(column.name(), when(MetricsTables.DIMENSION.col().equalTo(dimension)
                .and(MetricsTables.PERIOD_TYPE.col().equalTo(PeriodMetrics.MONTH)), lit(value).cast(column.type()))
                .otherwise(column.col()));
    }

    private static void verify(Dataset<Row> rows) {
        List<OutputChecks.Check> checks = new ArrayList<>(OutputChecks.declared(TABLE));
        checks.add(MetricsChecks.endingArAged(AgingBuckets.DEFAULT));
        checks.add(MetricsChecks.netEndingAr());
        OutputChecks.verify(TABLE, rows, checks);
        MetricsChecks.slicesAddUp(rows);
    }

    private static String failure(Dataset<Row> rows) {
        return assertThrows(OutputCheckException.class, () -> verify(rows)).getMessage();
    }

    @Test
    void theTableAsComputedPasses() {
        verify(computed);
    }

    @Test
    void endingArThatIsNotTheSumOfItsBuckets() {
        assertEquals("output check failed: period_metrics: ending_ar equals the sum of its aging buckets, "
                + "dimension=total value=all period_type=month period=2026-10: 1300.00 vs 1200.00",
                failure(changed("total", MetricsTables.ENDING_AR, new BigDecimal("1300.00"))));
    }

    @Test
    void netEndingArThatIsNotEndingArLessOnAccount() {
        assertEquals("output check failed: period_metrics: net_ending_ar equals ending_ar less on_account, "
                + "dimension=total value=all period_type=month period=2026-10: 1200.00 vs 1000.00",
                failure(changed("total", MetricsTables.NET_ENDING_AR, new BigDecimal("1200.00"))));
    }

    @Test
    void anEmptyRequiredMetric() {
        assertEquals("output check failed: period_metrics: ending_ar is never empty, dimension=segment value=A "
                + "period_type=month period=2026-10: empty",
                failure(changed("segment", MetricsTables.ENDING_AR, null)));
    }

    @Test
    void aShareAboveOne() {
        assertEquals("output check failed: period_metrics: on_time_rate_count lies within 0..1, dimension=total "
                + "value=all period_type=month period=2026-10: 1.25",
                failure(changed("total", MetricsTables.ON_TIME_RATE_COUNT, 1.25)));
    }

    @Test
    void slicesThatDoNotAddUpToTheTotal() {
        assertEquals("output check failed: period_metrics: invoices_issued of each dimension's slices adds up to the "
                + "total, dimension=segment period_type=month period=2026-10: 2 vs 3",
                failure(changed("segment", MetricsTables.INVOICES_ISSUED, 2L)));
    }
}
