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
 */
public record ReportOptions(String metrics, String forecast, String worklist, String output, String title)
        implements JobOptions {

    /** The report is as of its metrics' date. */
    @Override
    public LocalDate asOf() {
        return null;
    }
}
