package io.arscope.risk;

import java.nio.file.Path;
import java.time.LocalDate;

import io.arscope.job.JobOptions;
import io.arscope.ledger.ReportingCurrency;

/**
 * Configuration of one scoring run.
 *
 * @param input  folder an ingest run wrote
 * @param model  the model directory
 * @param asOf   the scoring day; null for the latest date in the data
 * @param output folder for the scores
 * @param reportingCurrency the currency amounts are shown in; null for the ledger's one currency
 */
public record ScoreOptions(String input, Path model, LocalDate asOf, String output, String reportingCurrency)
        implements JobOptions {

    public ScoreOptions {
        ReportingCurrency.requireCode(reportingCurrency);
    }

    /** Options showing amounts in the ledger's one currency. */
    public ScoreOptions(String input, Path model, LocalDate asOf, String output) {
        this(input, model, asOf, output, null);
    }
}
