package io.arscope.risk;

import java.nio.file.Path;
import java.time.LocalDate;

import io.arscope.job.JobOptions;

/**
 * Configuration of one scoring run.
 *
 * @param input  folder an ingest run wrote
 * @param model  the model directory
 * @param asOf   the scoring day; null for the latest date in the data
 * @param output folder for the scores
 */
public record ScoreOptions(String input, Path model, LocalDate asOf, String output) implements JobOptions {
}
