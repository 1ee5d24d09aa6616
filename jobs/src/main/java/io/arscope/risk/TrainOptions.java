package io.arscope.risk;

import java.nio.file.Path;
import java.time.LocalDate;

import io.arscope.job.JobOptions;
import io.arscope.ledger.ReportingCurrency;

/**
 * Configuration of one training run.
 *
 * @param input  folder an ingest run wrote
 * @param model  the model directory to write
 * @param asOf   outcomes as known on this day; null for the latest date in the data
 * @param config the model's settings
 * @param reportingCurrency the currency amounts are read in, as score and the worklist read them; null for the
 *               ledger's one currency
 */
public record TrainOptions(String input, Path model, LocalDate asOf, RiskConfig config, String reportingCurrency)
        implements JobOptions {

    public TrainOptions {
        ReportingCurrency.requireCode(reportingCurrency);
    }

    @Override
    public String output() {
        return model.toString();
    }
}
