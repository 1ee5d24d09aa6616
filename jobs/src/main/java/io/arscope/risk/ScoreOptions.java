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
 * @param gateMargin how much the model must beat the baseline by on its validation window for its scores to be
 *                   published ({@link ModelGate})
 */
public record ScoreOptions(String input, Path model, LocalDate asOf, String output, String reportingCurrency,
        double gateMargin) implements JobOptions {

    public ScoreOptions {
        ReportingCurrency.requireCode(reportingCurrency);
    }

    /** Scoring in the ledger's one currency with the default gate margin. */
    public ScoreOptions(String input, Path model, LocalDate asOf, String output) {
        this(input, model, asOf, output, null, ModelGate.DEFAULT_MARGIN);
    }
}
