package io.arscope.report;

import java.time.LocalDate;

import io.arscope.job.JobOptions;

/**
 * Configuration of one report run.
 *
 * @param metrics  folder an arscope metrics run wrote
 * @param forecast folder an arscope forecast run wrote, or null
 * @param worklist folder an arscope worklist run wrote, or null
 * @param output   folder for the report
 * @param title    the report's title
 * @param salesScenario the forecast's scenario band: new sales this share below and above their trailing average
 * @param scores   folder an arscope score run wrote, for the customers to watch, or null
 * @param alerts   folder an arscope alerts run wrote, for the alerts since the last run, or null
 */
public record ReportOptions(String metrics, String forecast, String worklist, String output, String title,
        double salesScenario, String scores, String alerts) implements JobOptions {

    /** A report without the alerts. */
    public ReportOptions(String metrics, String forecast, String worklist, String output, String title,
            double salesScenario, String scores) {
        this(metrics, forecast, worklist, output, title, salesScenario, scores, null);
    }

    /** A report without the customers to watch. */
    public ReportOptions(String metrics, String forecast, String worklist, String output, String title,
            double salesScenario) {
        this(metrics, forecast, worklist, output, title, salesScenario, null);
    }

    /** A report with the default scenario band, new sales {@link CfoReport#DEFAULT_SALES_SCENARIO} either way. */
    public ReportOptions(String metrics, String forecast, String worklist, String output, String title) {
        this(metrics, forecast, worklist, output, title, CfoReport.DEFAULT_SALES_SCENARIO);
    }

    /** The report is as of its metrics' date. */
    @Override
    public LocalDate asOf() {
        return null;
    }
}
