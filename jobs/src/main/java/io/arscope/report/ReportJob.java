package io.arscope.report;

import java.io.IOException;
import java.time.Instant;

import org.apache.spark.sql.SparkSession;

import io.arscope.alerts.AlertsTables;
import io.arscope.forecast.ForecastTables;
import io.arscope.job.EarlierOutput;
import io.arscope.job.InputException;
import io.arscope.job.Job;
import io.arscope.job.JobContext;
import io.arscope.job.JobOutcome;
import io.arscope.metrics.MetricsTables;
import io.arscope.run.OutputFiles;
import io.arscope.run.ParquetFooters;
import io.arscope.run.RunManifest;
import io.arscope.risk.ScoreTables;
import io.arscope.worklist.WorklistTables;

/** The report job: reads the metrics (and optionally forecast and worklist) outputs and writes the CFO report. */
public final class ReportJob implements Job<ReportOptions> {

    public static final String REPORT = "cfo-report.html";
    public static final String MANIFEST = "report-run.json";

    /** The inputs of a report run, as its manifest records them. */
    public record RunOptions(String metrics, String forecast, String worklist, String output) {
    }

    /** Months shown and the page's length in characters. */
    public record RunOutputs(long months, @com.fasterxml.jackson.annotation.JsonProperty(REPORT) long page) {
    }

    @Override
    public String name() {
        return "report";
    }

    @Override
    public void check(ReportOptions options) throws InputException {
        if (!(options.salesScenario() >= 0 && options.salesScenario() < 1)) {
            throw new InputException("--sales-scenario " + options.salesScenario()
                    + ": must be a share of at least 0 and below 1 (0.10 for sales 10% below and above average)");
        }
        EarlierOutput.require(options.metrics(), MetricsTables.PERIOD_METRICS.name(), "metrics");
        if (options.forecast() != null) {
            EarlierOutput.require(options.forecast(), ForecastTables.CASH_FORECAST.name(), "forecast");
        }
        if (options.worklist() != null) {
            EarlierOutput.require(options.worklist(), WorklistTables.CUSTOMERS.name(), "worklist");
        }
        if (options.scores() != null) {
            EarlierOutput.require(options.scores(), ScoreTables.MANIFEST, "score");
        }
        if (options.alerts() != null) {
            EarlierOutput.require(options.alerts(), AlertsTables.ALERTS.name(), "alerts");
        }
    }

    @Override
    public JobOutcome run(JobContext<ReportOptions> context) throws IOException, InputException {
        ReportData data = write(context);
        return JobOutcome.ok(context, String.format("report: %d months of metrics%s%s%s%s; %s", data.months().size(),
                context.options().forecast() == null ? "" : ", the forecast",
                context.options().worklist() == null ? "" : ", the worklist",
                data.watch().customers() == null ? "" : ", the customers to watch",
                data.alerts() == null ? "" : ", " + data.alerts().alerts().size() + " alerts",
                OutputFiles.child(context.options().output(), REPORT)), java.util.List.of());
    }

    /** Rows of each table the report reads, by its location: the manifest's inputs. */
    private static java.util.Map<String, Long> inputs(SparkSession spark, ReportOptions o) throws IOException {
        // Every table the report reads, the roll rates of last month's allowance and the trends included.
        java.util.List<String> tables = new java.util.ArrayList<>(java.util.List.of(
                MetricsTables.PERIOD_METRICS.path(o.metrics()), MetricsTables.PROVISION_MATRIX.path(o.metrics()),
                MetricsTables.ROLL_RATES.path(o.metrics()), MetricsTables.TRENDS.path(o.metrics())));
        if (ReportInputs.hasActivity(spark, o.metrics())) {
            tables.add(MetricsTables.COLLECTION_ACTIVITY.path(o.metrics()));
        }
        if (o.forecast() != null) {
            tables.addAll(java.util.List.of(ForecastTables.CASH_FORECAST.path(o.forecast()),
                    ForecastTables.DSO_FORECAST.path(o.forecast()), ForecastTables.ACCURACY.path(o.forecast())));
        }
        if (o.worklist() != null) {
            tables.add(WorklistTables.CUSTOMERS.path(o.worklist()));
        }
        if (o.alerts() != null) {
            tables.add(AlertsTables.ALERTS.path(o.alerts()));
        }
        if (o.scores() != null && java.nio.file.Files.isDirectory(java.nio.file.Path.of(
                ScoreTables.CUSTOMER_SCORES.path(o.scores())))) {
            tables.add(ScoreTables.CUSTOMER_SCORES.path(o.scores()));
        }
        java.util.Map<String, Long> rows = new java.util.LinkedHashMap<>();
        for (String table : tables) {
            rows.put(table, ParquetFooters.rows(spark, table));
        }
        return rows;
    }

    /** Writes {@code cfo-report.html} and its run manifest into the context's folder; returns what was read. */
    public static ReportData write(JobContext<ReportOptions> context) throws IOException, InputException {
        Instant started = Instant.now();
        SparkSession spark = context.spark();
        ReportOptions o = context.options();
        ReportData data = ReportInputs.read(spark, o.metrics(), o.forecast(), o.worklist(), o.scores(), o.alerts());
        String html = CfoReport.render(data, o.title(), "arscope " + RunManifest.version(), o.salesScenario());
        OutputFiles.writeText(spark, context.output(REPORT), html);
        RunManifest<?, ?, ?> manifest = RunManifest.finished("report", started, new RunOptions(o.metrics(),
                o.forecast() == null ? "" : o.forecast(), o.worklist() == null ? "" : o.worklist(), o.output()),
                context.recordInputs(inputs(spark, o)), new RunOutputs(data.months().size(), html.length()),
                JobOutcome.Status.OK.word(),
                JobOutcome.Status.OK.exitCode(), null);
        OutputFiles.writeText(spark, context.output(MANIFEST), manifest.toJson());
        return data;
    }
}
