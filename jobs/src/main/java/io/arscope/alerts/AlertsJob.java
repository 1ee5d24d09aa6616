package io.arscope.alerts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import com.fasterxml.jackson.core.type.TypeReference;

import io.arscope.activity.ActivityConfig;
import io.arscope.activity.CollectionActivity;
import io.arscope.activity.PromiseStatus;
import io.arscope.job.EarlierOutput;
import io.arscope.job.InputException;
import io.arscope.job.Job;
import io.arscope.job.JobContext;
import io.arscope.job.JobOutcome;
import io.arscope.job.UsageException;
import io.arscope.ledger.LedgerRows;
import io.arscope.ledger.PaidInvoices;
import io.arscope.ledger.ReceivablesLedger;
import io.arscope.metrics.MetricsTables;
import io.arscope.risk.ScoreReference;
import io.arscope.risk.ScoreTables;
import io.arscope.run.OutputFiles;
import io.arscope.run.ParquetFooters;
import io.arscope.run.RunManifest;

/**
 * {@code arscope alerts}: what changed since the previous run ({@link AlertsTables#ALERTS}): risk bands that rose,
 * days late that jumped, promises broken since, metrics out of their recent range and the model's drift. Alerts
 * inform; they never fail a run: the job ends complete whatever it finds.
 */
public final class AlertsJob implements Job<AlertsOptions> {

    @Override
    public String name() {
        return "alerts";
    }

    @Override
    public void check(AlertsOptions o) throws InputException, UsageException {
        if (o.daysLateJump() < 1) {
            throw new UsageException("--days-late-jump " + o.daysLateJump() + ": must be 1 day or more");
        }
        if (!(o.rangeSd() > 0)) {
            throw new UsageException("--range-sd " + o.rangeSd() + ": must be above 0 (2 for mean plus or minus 2 "
                    + "standard deviations)");
        }
        EarlierOutput.requireIngest(o.input());
        EarlierOutput.require(o.metrics(), MetricsTables.PERIOD_METRICS.name(), "metrics");
        EarlierOutput.require(o.scores(), ScoreTables.MANIFEST, "score");
        if (o.previousScores() != null) {
            EarlierOutput.require(o.previousScores(), ScoreTables.MANIFEST, "score");
        }
    }

    @Override
    public JobOutcome run(JobContext<AlertsOptions> context) throws IOException, InputException {
        Instant started = Instant.now();
        SparkSession spark = context.spark();
        AlertsOptions o = context.options();
        ScoreRun now = ScoreRun.read(spark, o.scores());
        LocalDate day = now.asOf();
        if (o.asOf() != null && !o.asOf().equals(day)) {
            throw new InputException("the scores in " + o.scores() + " are as of " + day + ", not " + o.asOf()
                    + "; score that day first");
        }
        ScoreRun before = o.previousScores() == null ? null : ScoreRun.read(spark, o.previousScores());
        if (before != null && !before.asOf().isBefore(day)) {
            throw new InputException("the previous scores in " + o.previousScores() + " are as of " + before.asOf()
                    + ", not before " + day + "; give the scores of an earlier run");
        }
        ReceivablesLedger ledger = ReceivablesLedger.ofIngest(spark, o.input()).asOf(day);
        Dataset<Row> names = ledger.customers().select("customer_id", "name");
        Dataset<Row> periodMetrics = ParquetFooters.read(spark, MetricsTables.PERIOD_METRICS.path(o.metrics()));

        // Each kind computed and collected on its own: alerts are few, and one plan uniting them all is slow to run.
        List<Row> rows = new ArrayList<>();
        rows.addAll(DaysLateJumps.of(PaidInvoices.of(ledger, day), names, day, o.daysLateJump(),
                before == null ? null : before.asOf()).collectAsList());
        MetricsTables.RunOutputs metricsRun = MetricsTables.runOutputs(spark, o.metrics());
        if (MetricRanges.newMonthSince(before == null ? null : before.asOf(), day)) {
            rows.addAll(MetricRanges.of(periodMetrics, o.rangeSd(), day,
                    metricsRun != null && metricsRun.invoicingCutOff() != null).collectAsList());
        }
        rows.addAll(drift(spark, now, day).collectAsList());
        if (before == null) {
            rows.addAll(noPreviousRun(spark, day).collectAsList());
        } else {
            boolean customers = now.customerScores() != null && before.customerScores() != null;
            rows.addAll((customers
                    ? BandRises.of(BandRises.ofCustomers(now.customerScores()),
                            BandRises.ofCustomers(before.customerScores()), names,
                            "an invoice more than 60 days past due within 90 days", day, before.asOf())
                    : BandRises.of(BandRises.ofInvoices(now.scores()), BandRises.ofInvoices(before.scores()), names,
                            "paying late", day, before.asOf())).collectAsList());
            CollectionActivity activity = CollectionActivity.ofIngest(spark, o.input());
            rows.addAll(BrokenPromises.of(
                    PromiseStatus.of(activity.promises(), ledger.payments(), ledger.invoices(), day,
                            ActivityConfig.DEFAULT),
                    PromiseStatus.of(activity.promises(), ledger.payments(), ledger.invoices(), before.asOf(),
                            ActivityConfig.DEFAULT), ledger.invoices(), names, day, before.asOf()).collectAsList());
        }
        Dataset<Row> ordered = AlertsTables.ALERTS.frame(spark, rows).orderBy(AlertsTables.order())
                .coalesce(1);
        context.writeTable(AlertsTables.ALERTS, ordered);
        Map<String, Long> byKind = new TreeMap<>();
        Map<String, Long> bySeverity = new TreeMap<>();
        for (Row r : ordered.groupBy(AlertsTables.KIND.col(), AlertsTables.SEVERITY.col()).count().collectAsList()) {
            byKind.merge(r.getString(0), r.getLong(2), Long::sum);
            bySeverity.merge(r.getString(1), r.getLong(2), Long::sum);
        }
        long n = context.rows().get(AlertsTables.ALERTS.name());
        // The activity is read only to compare promises with the previous run's.
        Map<String, Long> inputs = new TreeMap<>(LedgerRows.of(o.input(), ledger,
                before == null ? List.of() : LedgerRows.ACTIVITY));
        String metrics = MetricsTables.PERIOD_METRICS.path(o.metrics());
        inputs.put(metrics, ParquetFooters.rows(spark, metrics));
        inputs.put(ScoreTables.SCORES.path(o.scores()), now.scores().count());
        if (before != null) {
            inputs.put(ScoreTables.SCORES.path(o.previousScores()), before.scores().count());
        }
        RunManifest<?, ?, ?> manifest = RunManifest.finished("alerts", started, new AlertsTables.RunOptions(o.input(),
                o.metrics(), o.scores(), o.previousScores(), day.toString(), before == null ? null
                        : before.asOf().toString(), o.daysLateJump(), o.rangeSd()), context.recordInputs(inputs),
                new AlertsTables.RunOutputs(n, byKind), JobOutcome.Status.OK.word(), JobOutcome.Status.OK.exitCode(),
                null);
        OutputFiles.writeText(spark, context.output(AlertsTables.MANIFEST), manifest.toJson());
        return JobOutcome.ok(context, String.format("alerts: %,d as of %s (%d high, %d medium), %s", n, day,
                bySeverity.getOrDefault(AlertsTables.HIGH, 0L), bySeverity.getOrDefault(AlertsTables.MEDIUM, 0L),
                before == null ? "no previous run to compare with" : "compared with " + before.asOf()), List.of());
    }

    /** The drift row: the index, or why there is none. */
    private static Dataset<Row> drift(SparkSession spark, ScoreRun run, LocalDate day) throws IOException {
        String absent = null;
        ScoreReference reference = null;
        if (ScoreTables.BASELINE_RANKING.equals(run.ranking())) {
            absent = "today's scores are the baseline's (the model did not pass its gate), not the model's";
        } else {
            Optional<ScoreReference> found = run.model() == null ? Optional.empty()
                    : ScoreReference.read(Path.of(run.model()));
            if (found.isEmpty()) {
                absent = "the model directory " + run.model() + " holds no " + ScoreReference.FILE
                        + " (trained before score references were written; retrain it)";
            } else {
                reference = found.get();
            }
        }
        return ScoreDrift.of(spark, run.scores(), reference, absent, day);
    }

    private static Dataset<Row> noPreviousRun(SparkSession spark, LocalDate day) {
        return AlertsTables.ALERTS.frame(spark, List.of(AlertsTables.ALERTS.row()
                .set(AlertsTables.KIND, AlertsTables.NO_PREVIOUS_RUN).set(AlertsTables.SEVERITY, AlertsTables.INFO)
                .set(AlertsTables.SUBJECT_ID, "previous_run").set(AlertsTables.SUBJECT_NAME, null)
                .set(AlertsTables.CHANGE, "no earlier run to compare with: risk bands that rose and promises broken "
                        + "since the last run are reported from the next run on")
                .set(AlertsTables.AS_OF, day).set(AlertsTables.PREVIOUS_AS_OF, null)
                .set(AlertsTables.CURRENT_VALUE, null).set(AlertsTables.PREVIOUS_VALUE, null)
                .set(AlertsTables.AMOUNT, null).set(AlertsTables.CURRENCY, null).build()));
    }

    /** A score run's outputs and what its manifest says: its day, its ranking and its model directory. */
    private record ScoreRun(LocalDate asOf, String ranking, String model, Dataset<Row> scores,
            Dataset<Row> customerScores) {

        static ScoreRun read(SparkSession spark, String folder) throws IOException {
            RunManifest<ScoreTables.RunOptions, Map<String, Object>, ScoreTables.RunOutputs> run = RunManifest.read(
                    OutputFiles.readText(spark, OutputFiles.child(folder, ScoreTables.MANIFEST)),
                    new TypeReference<>() { });
            boolean customers = folder.contains("://")
                    || Files.isDirectory(Path.of(ScoreTables.CUSTOMER_SCORES.path(folder)));
            return new ScoreRun(LocalDate.parse(run.options().asOf()), run.outputs() == null ? null
                    : run.outputs().ranking(), run.options().model(), ScoreTables.SCORES.read(spark, folder),
                    customers ? ScoreTables.CUSTOMER_SCORES.read(spark, folder) : null);
        }
    }
}
