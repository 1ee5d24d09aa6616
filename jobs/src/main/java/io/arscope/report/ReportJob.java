package io.arscope.report;

import java.io.IOException;
import java.time.Instant;

import org.apache.spark.sql.SparkSession;

import io.arscope.forecast.ForecastJob;
import io.arscope.job.EarlierOutput;
import io.arscope.job.InputException;
import io.arscope.job.Job;
import io.arscope.job.JobContext;
import io.arscope.job.JobOutcome;
import io.arscope.metrics.MetricsJob;
import io.arscope.run.OutputFiles;
import io.arscope.run.RunManifest;
import io.arscope.worklist.WorklistJob;

/** The report job: reads the metrics (and optionally forecast and worklist) outputs and writes the CFO report. */
public final class ReportJob implements Job<ReportOptions> {

    public static final String REPORT = "cfo-report.html";
    public static final String MANIFEST = "report-run.json";

    @Override
    public String name() {
        return "report";
    }

    @Override
    public void check(ReportOptions options) throws InputException {
        EarlierOutput.require(options.metrics(), MetricsJob.PERIOD_METRICS, "metrics");
        if (options.forecast() != null) {
            EarlierOutput.require(options.forecast(), ForecastJob.CASH_FORECAST, "forecast");
        }
        if (options.worklist() != null) {
            EarlierOutput.require(options.worklist(), WorklistJob.CUSTOMERS, "worklist");
        }
    }

    @Override
    public JobOutcome run(JobContext<ReportOptions> context) throws IOException {
        write(context);
        return JobOutcome.ok(context, "report: " + OutputFiles.child(context.options().output(), REPORT),
                java.util.List.of());
    }

    /** Writes {@code cfo-report.html} and its run manifest into the context's folder; returns what was read. */
    public static ReportData write(JobContext<ReportOptions> context) throws IOException {
        Instant started = Instant.now();
        SparkSession spark = context.spark();
        ReportOptions o = context.options();
        ReportData data = ReportInputs.read(spark, o.metrics(), o.forecast(), o.worklist());
        String html = CfoReport.render(data, o.title(), "arscope " + RunManifest.version());
        OutputFiles.writeText(spark, context.output(REPORT), html);
        RunManifest manifest = new RunManifest("report", started);
        manifest.option("metrics", o.metrics());
        manifest.option("forecast", o.forecast() == null ? "" : o.forecast());
        manifest.option("worklist", o.worklist() == null ? "" : o.worklist());
        manifest.option("output", o.output());
        manifest.output("months", data.months().size());
        manifest.output(REPORT, html.length());
        manifest.status("passed");
        OutputFiles.writeText(spark, context.output(MANIFEST), manifest.finish().toJson());
        return data;
    }
}
