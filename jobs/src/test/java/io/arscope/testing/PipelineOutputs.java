package io.arscope.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;

import org.apache.spark.sql.SparkSession;

import io.arscope.forecast.ForecastJob;
import io.arscope.forecast.ForecastOptions;
import io.arscope.job.JobContext;
import io.arscope.ledger.AgingBuckets;
import io.arscope.metrics.DayCount;
import io.arscope.metrics.MetricsJob;
import io.arscope.metrics.MetricsOptions;
import io.arscope.metrics.TrendConfig;
import io.arscope.report.ReportJob;
import io.arscope.report.ReportOptions;
import io.arscope.risk.RiskConfig;
import io.arscope.risk.TrainJob;
import io.arscope.risk.TrainOptions;
import io.arscope.samples.GeneratorConfig;
import io.arscope.worklist.WorklistConfig;
import io.arscope.worklist.WorklistJob;
import io.arscope.worklist.WorklistOptions;

/**
 * The outputs of every analysis job on one generated history, built once per Maven build ({@link SharedFixture}) and
 * shared by the tests that read outputs as a user would (the report in a browser, the walk-throughs).
 *
 * @param data     folder holding canonical/
 * @param metrics  an arscope metrics run
 * @param forecast an arscope forecast run
 * @param worklist an arscope worklist run, with a model trained three months before the as-of date
 * @param report   folder holding the CFO report
 */
public record PipelineOutputs(String data, String metrics, String forecast, String worklist, Path report) {

    private static final GeneratorConfig HISTORY = GeneratorConfig.of(5, 3000, LocalDate.of(2024, 1, 1), 18);
    private static PipelineOutputs built;

    public static synchronized PipelineOutputs get() {
        if (built == null) {
            Path dir = SharedFixture.folder("pipeline-outputs", PipelineOutputs::build);
            built = new PipelineOutputs(dir.resolve("data").toString(), dir.resolve("metrics").toString(),
                    dir.resolve("forecast").toString(), dir.resolve("worklist").toString(), dir.resolve("report"));
        }
        return built;
    }

    private static void build(Path dir) throws IOException, io.arscope.job.InputException {
        SparkSession spark = TestSpark.session();
        String data = GeneratedLedger.write(spark, HISTORY, dir.resolve("data")).toString();
        String metrics = dir.resolve("metrics").toString();
        MetricsJob.Outcome m = MetricsJob.write(JobContext.of(spark, new MetricsOptions(data, metrics, null, AgingBuckets.DEFAULT,
                MetricsOptions.DEFAULT_DIMENSIONS, DayCount.ACTUAL, 0, 12, 1.0, TrendConfig.DEFAULT)));
        String forecast = dir.resolve("forecast").toString();
        ForecastJob.write(JobContext.of(spark, ForecastOptions.defaults(data, forecast, null, null)
                .withBacktestWeeks(26)));
        Path model = dir.resolve("model");
        TrainJob.train(JobContext.of(spark, new TrainOptions(data, model, m.asOf().minusMonths(3), RiskConfig.DEFAULT,
                null)));
        String worklist = dir.resolve("worklist").toString();
        WorklistJob.write(JobContext.of(spark, new WorklistOptions(data, model, null, null, worklist,
                WorklistConfig.DEFAULT)));
        ReportJob.write(JobContext.of(spark, new ReportOptions(metrics, forecast, worklist,
                dir.resolve("report").toString(), "Receivables report")));
    }
}
