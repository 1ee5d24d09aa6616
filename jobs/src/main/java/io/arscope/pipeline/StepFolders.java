package io.arscope.pipeline;

import java.nio.file.Path;

/**
 * Where the steps of one pipeline run read and write: each step's folder in the run, the model to score with (the
 * run's own, unless the run was given one), whether the report has a forecast and worklist to read, and the actions
 * log the worklist appends to, which the root keeps across runs and dates.
 *
 * @param options      what the run was asked to do
 * @param run          the run's folder
 * @param withForecast whether the run has a forecast step (run or kept)
 * @param withWorklist whether the run has a worklist step (run or kept)
 */
public record StepFolders(PipelineOptions options, Path run, boolean withForecast, boolean withWorklist) {
    /** The actions log's folder under the root, beside the dates' folders. */
    public static final String ACTIONS_LOG = "actions-log";

    /** The folder {@code step} writes in this run. */
    public String output(Step step) {
        return DateRuns.stepFolder(run, step).toString();
    }

    /** The worklist's actions log: {@code <root>/actions-log}, one for every date and run under the root. */
    public String actionsLog() {
        return options.root().toAbsolutePath().normalize().resolve(ACTIONS_LOG).toString();
    }

    /**
     * The run's id in the actions log: {@code <date>_<run folder>}, such as {@code 2026-09-30_20261001T060000.000Z},
     * unique under the root (runs of two dates may start in the same millisecond) and naming the run's folder,
     * {@code .runs/<date>/<run folder>}. A resumed run keeps its folder, so its id.
     */
    public String runId() {
        return run.getParent().getFileName() + "_" + run.getFileName();
    }

    /** Whether the run holds the finished output of {@code step}: run or kept before the step asking. */
    public boolean holds(Step step) {
        return DateRuns.done(run, step);
    }

    /** The output of {@code step} in the run of the latest earlier date under the root, or null when none has it. */
    public String previous(Step step) throws java.io.IOException {
        return DateRuns.previous(options.root(), options.asOf(), step).map(Path::toString).orElse(null);
    }

    /** The model directory the score step uses. */
    public Path model() {
        return options.model() != null ? options.model() : DateRuns.stepFolder(run, Step.TRAIN);
    }
}
