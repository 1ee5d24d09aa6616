package io.arscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.job.JobContext;
import io.arscope.ledger.AgingBuckets;
import io.arscope.metrics.DayCount;
import io.arscope.metrics.MetricsJob;
import io.arscope.metrics.MetricsOptions;
import io.arscope.metrics.MetricsTables;
import io.arscope.metrics.TrendConfig;
import io.arscope.testing.PipelineOutputs;
import io.arscope.testing.TestSpark;

/**
 * Last month's allowance as the report recomputes it from this month's outputs equals, bucket by bucket and to the
 * cent, the allowance the metrics job writes when run as of last month's end on the same ledger.
 */
@Tag("integration")
class ReportEclChangeTest {

    @TempDir
    Path dir;

    @Test
    void lastMonthsAllowanceIsWhatTheMetricsJobWroteThen() throws Exception {
        SparkSession spark = TestSpark.session();
        PipelineOutputs outputs = PipelineOutputs.get();
        ReportData now = ReportInputs.read(spark, outputs.metrics(), null, null);
        LocalDate lastMonthEnd = YearMonth.from(now.asOf()).minusMonths(1).atEndOfMonth();
        String then = dir.resolve("metrics").toString();
        MetricsJob.write(JobContext.of(spark, new MetricsOptions(outputs.data(), then, lastMonthEnd,
                AgingBuckets.DEFAULT, MetricsOptions.DEFAULT_DIMENSIONS, DayCount.ACTUAL, 0, 12, 1.0,
                TrendConfig.DEFAULT, null)));
        ReportData written = ReportInputs.read(spark, then, null, null);
        assertFalse(now.lastMonthProvision().isEmpty());
        assertEquals(written.provision().size(), now.lastMonthProvision().size());
        for (int k = 0; k < written.provision().size(); k++) {
            ReportData.ProvisionLine expected = written.provision().get(k);
            ReportData.ProvisionLine recomputed = now.lastMonthProvision().get(k);
            assertEquals(expected.bucket(), recomputed.bucket());
            assertEquals(expected.balance(), recomputed.balance(), 0.005, expected.bucket() + " balance");
            assertEquals(expected.rollRate(), recomputed.rollRate(), 1e-12, expected.bucket() + " roll rate");
            assertEquals(expected.ecl(), recomputed.ecl(), 0.005, expected.bucket() + " ECL");
        }
        BigDecimal total = MetricsTables.PROVISION_MATRIX.read(spark, then)
                .filter(MetricsTables.BUCKET.col().equalTo(MetricsTables.TOTAL_LINE)).first().getAs("ecl");
        assertEquals(total.doubleValue(), now.lastMonthAllowance(), 0.005);
    }
}
