package io.arscope.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.arscope.forecast.ForecastJob;
import io.arscope.metrics.MetricsJob;
import io.arscope.report.ReportJob;
import io.arscope.run.OutputFiles;
import io.arscope.run.SparkSessions;
import io.arscope.worklist.WorklistJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code arscope report}: the CFO report as one self-contained HTML file. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Writes the CFO report, one HTML file that opens offline: headline KPIs with change vs last "
                + "month and last year, DSO/BPDSO/DDSO and CEI trends, aging, roll rates and the credit-loss "
                + "allowance, the cash forecast with its interval and backtest accuracy, and the customers with the "
                + "most money expected late.",
                "",
                "Outputs under --output: cfo-report.html, report-run.json."},
        footer = {"", "Exit codes: 0 ok, 1 unexpected failure, 2 usage error, 3 input missing (run the jobs first)."})
final class ReportCommand implements Callable<Integer> {

    @Option(names = "--metrics", required = true, description = "Folder an arscope metrics run wrote.")
    String metrics;

    @Option(names = "--forecast", description = "Folder an arscope forecast run wrote (optional).")
    String forecast;

    @Option(names = "--worklist", description = "Folder an arscope worklist run wrote (optional).")
    String worklist;

    @Option(names = "--output", required = true, description = "Folder for the report.")
    String output;

    @Option(names = "--title", defaultValue = "Receivables report", description = "Report title. "
            + "Default: ${DEFAULT-VALUE}.")
    String title;

    @Option(names = "--master", description = "Spark master URL. Default: spark-submit's, else local[*].")
    String master;

    @Option(names = "--config", description = "YAML file with defaults for these options, in a section 'report'.")
    Path config;

    @Override
    public Integer call() {
        for (String[] p : new String[][] {{metrics, MetricsJob.PERIOD_METRICS},
            {forecast, ForecastJob.CASH_FORECAST}, {worklist, WorklistJob.CUSTOMERS}}) {
            if (p[0] != null && EarlierOutput.missing(p[0], p[1])) {
                System.err.println("arscope report: " + p[0] + " holds no " + p[1] + "; run that job first");
                return ExitCode.INPUT;
            }
        }
        long start = System.nanoTime();
        try (SparkSessions.Scoped spark = SparkSessions.open("arscope-report", master)) {
            ReportJob.run(spark.session(), metrics, forecast, worklist, output, title);
            System.out.printf("report: %s in %.1f s%n", OutputFiles.child(output, ReportJob.REPORT),
                    (System.nanoTime() - start) / 1e9);
            return ExitCode.OK;
        } catch (java.io.IOException e) {
            System.err.println("arscope report: I/O failure: " + e.getMessage());
            return ExitCode.FAILURE;
        }
    }
}
