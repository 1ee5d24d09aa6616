package io.arscope.worklist;

import java.nio.file.Path;
import java.time.LocalDate;

import io.arscope.job.JobOptions;

/**
 * Configuration of one worklist run: scored here with a model, or from the scores a score run wrote.
 *
 * @param input  folder an ingest run wrote
 * @param model  model directory to score with, or null when {@code scores} is given
 * @param scores folder an arscope score run wrote for the same day, or null when {@code model} is given
 * @param asOf   the day; null for the latest date in the data
 * @param output folder for the worklists
 * @param config how the worklist is built
 */
public record WorklistOptions(String input, Path model, String scores, LocalDate asOf, String output,
        WorklistConfig config) implements JobOptions {

    public WorklistOptions {
        if ((model == null) == (scores == null)) {
            throw new IllegalArgumentException("give either a model (score here) or the scores of a score run");
        }
    }
}
