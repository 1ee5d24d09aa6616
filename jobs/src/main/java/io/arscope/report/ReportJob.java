package io.arscope.report;

import java.io.IOException;
import java.time.Instant;

import org.apache.spark.sql.SparkSession;

import io.arscope.run.OutputFiles;
import io.arscope.run.RunManifest;

/** The report job: reads the metrics (and optionally forecast and worklist) outputs and writes the CFO report. */
public final class ReportJob {

    public static final String REPORT = "cfo-report.html";
    public static final String MANIFEST = "report-run.json";

    private ReportJob() {
    }

    /** Writes {@code <output>/cfo-report.html} and its run manifest; returns what was read. */
    public static ReportData run(SparkSession spark, String metrics, String forecast, String worklist, String output,
            String title) throws IOException {
        Instant started = Instant.now();
        ReportData data = ReportInputs.read(spark, metrics, forecast, worklist);
        String html = CfoReport.render(data, title, "arscope " + RunManifest.version());
        OutputFiles.writeText(spark, OutputFiles.child(output, REPORT), html);
        RunManifest manifest = new RunManifest("report", started);
        manifest.option("metrics", metrics);
        manifest.option("forecast", forecast == null ? "" : forecast);
        manifest.option("worklist", worklist == null ? "" : worklist);
        manifest.option("output", output);
        manifest.output("months", data.months().size());
        manifest.output(REPORT, html.length());
        manifest.status("passed");
        OutputFiles.writeText(spark, OutputFiles.child(output, MANIFEST), manifest.finish().toJson());
        return data;
    }
}
