package io.arscope.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.job.JobContext;
import io.arscope.job.JobOutcome;
import io.arscope.metrics.MetricsTables;
import io.arscope.risk.ScoreReference;
import io.arscope.risk.ScoreTables;
import io.arscope.run.RunManifest;
import io.arscope.testing.LedgerBuilder;
import io.arscope.testing.TestSpark;

/**
 * The job on hand-made inputs: the ledger of {@link BrokenPromisesTest}, scores written by hand for 2026-03-15 and
 * 2026-03-31, two months of metrics (too few for a range) and a model directory whose reference has bins (..0.1],
 * (0.1..0.3], (0.3..] holding 25%, 25% and 50%. The job end to end, every kind's plan run: about 20 seconds a
 * case on two cores, so in the integration tier.
 */
@Tag("integration")
class AlertsJobTest {
    static final LocalDate BEFORE = LocalDate.of(2026, 3, 15);
    static final LocalDate NOW = LocalDate.of(2026, 3, 31);

    @TempDir
    Path dir;

    @Test
    void withoutAPreviousRunTheChangeBasedAlertsSaySoOnceAndDriftStillApplies() throws Exception {
        SparkSession spark = TestSpark.session();
        inputs(spark);
        // Today's 0.1, 0.2, 0.3 and 0.5: 1, 2 and 1 of 4 in the bins, PSI 0.5 ln 2 = 0.347.
        String scores = scores(spark, "scores-now", NOW, BandRisesTest.invoice("I1", "C1", "1000.00", 0.1, "low"),
                BandRisesTest.invoice("I2", "C1", "500.00", 0.2, "low"),
                BandRisesTest.invoice("I3", "C2", "400.00", 0.3, "medium"),
                BandRisesTest.invoice("I9", "C2", "1.00", 0.5, "medium"));

        JobOutcome outcome = run(spark, scores, null);

        assertEquals(List.of("model_drift | high | invoice_scores | Invoice scores against the model's validation "
                + "scores | population stability index 0.347 over 4 open invoices against 100 validation invoices: "
                + "significant shift (above 0.25); retrain or check the data | 2026-03-31 | null | "
                + "0.34657359027997264 | null | null | null",
                "no_previous_run | info | previous_run | null | no earlier run to compare with: risk bands that rose "
                        + "and promises broken since the last run are reported from the next run on | 2026-03-31 | "
                        + "null | null | null | null | null"),
                AlertRows.shown(AlertsTables.ALERTS.read(spark, dir.resolve("alerts").toString())));
        assertEquals(JobOutcome.Status.OK, outcome.status());
        assertEquals("alerts: 2 as of 2026-03-31 (1 high, 0 medium), no previous run to compare with",
                outcome.summary());
        assertEquals(Map.of("alerts", 2L), outcome.rows());
        assertEquals(List.of("kind,severity,subject_id,subject_name,change,as_of,previous_as_of,current_value,"
                + "previous_value,amount,currency"),
                Files.readAllLines(dir.resolve("alerts/alerts.csv")).subList(0, 1));
    }

    @Test
    void withAPreviousRunBandsThatRoseAndPromisesBrokenSinceAreAlerted() throws Exception {
        SparkSession spark = TestSpark.session();
        inputs(spark);
        String before = scores(spark, "scores-before", BEFORE,
                BandRisesTest.invoice("I1", "C1", "1000.00", 0.10, "low"),
                BandRisesTest.invoice("I3", "C2", "400.00", 0.30, "medium"));
        String now = scores(spark, "scores-now", NOW, BandRisesTest.invoice("I1", "C1", "400.00", 0.72, "high"),
                BandRisesTest.invoice("I3", "C2", "200.00", 0.30, "medium"));

        JobOutcome outcome = run(spark, now, before);

        Dataset<Row> alerts = AlertsTables.ALERTS.read(spark, dir.resolve("alerts").toString());
        assertEquals(List.of("broken_promise high C1 2026-03-15", "model_drift high invoice_scores null",
                "risk_band_rose high C1 2026-03-15", "broken_promise medium C1 2026-03-15"),
                alerts.orderBy(AlertsTables.order()).collectAsList().stream().map(r -> AlertsTables.KIND.of(r) + " "
                        + AlertsTables.SEVERITY.of(r) + " " + AlertsTables.SUBJECT_ID.of(r) + " "
                        + AlertsTables.PREVIOUS_AS_OF.of(r)).toList());
        assertEquals("alerts: 4 as of 2026-03-31 (3 high, 1 medium), compared with 2026-03-15", outcome.summary());
    }

    private JobOutcome run(SparkSession spark, String scores, String previous) throws Exception {
        AlertsOptions options = new AlertsOptions(dir.resolve("ingest").toString(), dir.resolve("metrics")
                .toString(), scores, previous, null, dir.resolve("alerts").toString(), DaysLateJumps.DEFAULT_JUMP,
                MetricRanges.DEFAULT_SD);
        AlertsJob job = new AlertsJob();
        job.check(options);
        return job.run(JobContext.of(spark, options));
    }

    private void inputs(SparkSession spark) throws IOException {
        new LedgerBuilder().customer("C1", "Retail").customer("C2", "Retail")
                .invoice("I1", "C1", "2026-01-15", "2026-02-28", "1000")
                .invoice("I2", "C1", "2026-02-01", "2026-03-15", "500")
                .invoice("I3", "C2", "2026-01-20", "2026-02-20", "400")
                .payment("I1", "C1", "2026-03-05", "300").payment("I1", "C1", "2026-03-12", "300")
                .payment("I2", "C1", "2026-03-16", "100").payment("I2", "C1", "2026-03-29", "50")
                .payment("I3", "C2", "2026-03-09", "200")
                .promise("PR2", "C1", null, "2026-03-01", "2026-03-15", "800")
                .promise("PR3", "C2", null, "2026-03-02", "2026-03-05", "200")
                .promise("PR8", "C1", null, "2026-03-20", "2026-03-22", "200")
                .write(spark, dir.resolve("ingest"));
        List<Row> months = List.of(YearMonth.of(2026, 2), YearMonth.of(2026, 3)).stream()
                .map(m -> MetricRangesTest.MONTHS.row().set(MetricsTables.DIMENSION, "total")
                        .set(MetricsTables.VALUE, "all").set(MetricsTables.PERIOD_TYPE, "month")
                        .set(MetricsTables.PERIOD, m.toString()).set(MetricsTables.PERIOD_START, m.atDay(1))
                        .set(MetricsTables.ENDING_AR, new java.math.BigDecimal("1900.00"))
                        .set(MetricsTables.PAST_DUE_AR, new java.math.BigDecimal("1400.00"))
                        .set(MetricsTables.DSO_COUNTBACK, 60.0).set(MetricsTables.CEI, 30.0).build()).toList();
        MetricRangesTest.MONTHS.frame(spark, months).write().parquet(dir.resolve("metrics/period_metrics")
                .toString());
        Files.createDirectories(dir.resolve("model"));
        Files.writeString(dir.resolve("model").resolve(ScoreReference.FILE),
                "{\"invoices\": 100, \"edges\": [0.1, 0.3], \"shares\": [0.25, 0.25, 0.5]}");
    }

    /** A score run's folder: its scores and its manifest, ranked by the model in {@code dir/model}. */
    private String scores(SparkSession spark, String name, LocalDate day, Row... invoices) throws IOException {
        Path folder = dir.resolve(name);
        BandRisesTest.scores(spark, day, invoices).write().parquet(folder.resolve("scores").toString());
        Files.writeString(folder.resolve(ScoreTables.MANIFEST), RunManifest.finished("score", Instant.now(),
                new ScoreTables.RunOptions(dir.resolve("ingest").toString(), dir.resolve("model").toString(), "sha",
                        day.toString(), 0.0), Map.of(), new ScoreTables.RunOutputs(invoices.length,
                        ScoreTables.MODEL_RANKING, null, null, null), "complete", 0, null).toJson());
        return folder.toString();
    }
}
