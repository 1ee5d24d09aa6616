package io.arscope.risk;

import java.nio.file.Path;
import java.time.LocalDate;

import io.arscope.job.JobOptions;

/**
 * Configuration of one evaluation: it writes nothing, it prints.
 *
 * @param input folder an ingest run wrote
 * @param model the model directory
 * @param asOf  outcomes as known on this day; null for the latest date in the data
 * @param from  first invoice date evaluated on; null for the model's own test window
 */
public record EvaluateOptions(String input, Path model, LocalDate asOf, LocalDate from) implements JobOptions {

    @Override
    public String output() {
        return null;
    }
}
