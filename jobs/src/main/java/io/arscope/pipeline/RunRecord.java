package io.arscope.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A pipeline run's manifest, {@code run.json}: what the run was started from (inputs, code, model, the fingerprint
 * of all of these), each step's outcome, rows and seconds, and how the run ended. Written again after every step,
 * so that an interrupted run says how far it got and can be resumed.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"job", "as_of", "run", "status", "fingerprint", "started", "resumed", "code", "java_version",
    "spark_version", "spark_master", "inputs", "steps", "model", "failed_step", "exit_code", "finished", "seconds"})
@JsonInclude(JsonInclude.Include.NON_NULL)
record RunRecord(String job, String asOf, String run, String status, String fingerprint, String started,
        boolean resumed, RunInputs.Code code, String javaVersion, String sparkVersion, String sparkMaster,
        RunInputs.Inputs inputs, List<Step> steps, RunInputs.Model model, String failedStep, Integer exitCode,
        String finished, Double seconds) {

    static final String RUNNING = "running";
    static final String FAILED = "failed";
    static final String COMPLETE = "complete";

    /**
     * One step's outcome: its entry in the manifest, and its {@value DateRuns#STEP_DONE} when it has finished.
     *
     * @param step    the step's command
     * @param outcome ran, kept from the published run, done before the run was interrupted, or not run
     * @param seconds how long it ran, to a tenth of a second
     * @param rows    rows per Parquet table it wrote
     * @param summary its one-line summary
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Step(String step, String outcome, double seconds, Map<String, Long> rows, String summary) {
    }

    RunRecord withStep(Step step) {
        List<Step> more = new ArrayList<>(steps);
        more.add(step);
        return new RunRecord(job, asOf, run, status, fingerprint, started, resumed, code, javaVersion, sparkVersion,
                sparkMaster, inputs, more, model, failedStep, exitCode, finished, seconds);
    }

    RunRecord withModel(RunInputs.Model trained) {
        return new RunRecord(job, asOf, run, status, fingerprint, started, resumed, code, javaVersion, sparkVersion,
                sparkMaster, inputs, steps, trained, failedStep, exitCode, finished, seconds);
    }

    RunRecord failed(String step, int exit) {
        return new RunRecord(job, asOf, run, FAILED, fingerprint, started, resumed, code, javaVersion, sparkVersion,
                sparkMaster, inputs, steps, model, step, exit, finished, seconds);
    }

    RunRecord complete(String at, double took) {
        return new RunRecord(job, asOf, run, COMPLETE, fingerprint, started, resumed, code, javaVersion, sparkVersion,
                sparkMaster, inputs, steps, model, failedStep, exitCode, at, took);
    }
}
