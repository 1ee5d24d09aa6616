package io.arscope.risk;

import java.nio.file.Path;
import java.time.LocalDate;

import io.arscope.job.JobOptions;

/**
 * Configuration of one training run.
 *
 * @param input  folder an ingest run wrote
 * @param model  the model directory to write
 * @param asOf   outcomes as known on this day; null for the latest date in the data
 * @param config the model's settings
 */
public record TrainOptions(String input, Path model, LocalDate asOf, RiskConfig config) implements JobOptions {

    @Override
    public String output() {
        return model.toString();
    }
}
