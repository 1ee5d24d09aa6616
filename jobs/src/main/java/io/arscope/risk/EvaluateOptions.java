package io.arscope.risk;

import java.nio.file.Path;
import java.time.LocalDate;

import io.arscope.job.JobOptions;
import io.arscope.ledger.ReportingCurrency;

/**
 * Configuration of one evaluation: it writes nothing, it prints.
 *
 * @param input folder an ingest run wrote
 * @param model the model directory
 * @param asOf  outcomes as known on this day; null for the latest date in the data
 * @param from  first invoice date evaluated on; null for the first day of the model's test window
 * @param reportingCurrency the currency amounts are read in, as train read them; null for the ledger's one
 */
public record EvaluateOptions(String input, Path model, LocalDate asOf, LocalDate from, String reportingCurrency)
        implements JobOptions {

    public EvaluateOptions {
        ReportingCurrency.requireCode(reportingCurrency);
    }

    @Override
    public String output() {
        return null;
    }
}
