package io.arscope.pipeline;

import java.nio.file.Path;

/**
 * Where the steps of one pipeline run read and write: each step's folder in the run, the model to score with (the
 * run's own, unless the run was given one), and whether the report has a forecast and worklist to read.
 *
 * @param options      what the run was asked to do
 * @param run          the run's folder
 * @param withForecast whether the run has a forecast step (run or kept)
 * @param withWorklist whether the run has a worklist step (run or kept)
 */
public record StepFolders(PipelineOptions options, Path run, boolean withForecast, boolean withWorklist) {

    /** The folder {@code step} writes in this run. */
    public String output(Step step) {
        return DateRuns.stepFolder(run, step).toString();
    }

    /** The model directory the score step uses. */
    public Path model() {
        return options.model() != null ? options.model() : DateRuns.stepFolder(run, Step.TRAIN);
    }
}
