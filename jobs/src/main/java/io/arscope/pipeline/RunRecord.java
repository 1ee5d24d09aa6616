package io.arscope.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.arscope.job.JobOutcome;
import io.arscope.risk.ModelGate;

/**
 * A pipeline run's manifest, {@code run.json}: what the run was started from (inputs, code, model, the fingerprint
 * of all of these), each step's outcome, rows read and written and seconds, the model gate's decision with the
 * model's and the baseline's validation figures, and how the run ended: its status in the words every manifest
 * shares ({@link JobOutcome.Status}) and its exit code. Written again after every step, so that an interrupted run
 * says how far it got and can be resumed. A resumed run keeps its first attempt's {@code started}, says when it was
 * resumed ({@code resumed_at}; absent when it was not), and its {@code seconds} run from the first start.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"job", "as_of", "run", "status", "exit_code", "fingerprint", "started", "resumed", "resumed_at",
    "code", "java_version", "spark_version", "spark_master", "inputs", "steps", "model", "gate", "failed_step", "finished",
    "seconds"})
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
record RunRecord(String job, String asOf, String run, String status, Integer exitCode, String fingerprint,
        String started, boolean resumed, String resumedAt, RunInputs.Code code, String javaVersion,
        String sparkVersion, String sparkMaster, RunInputs.Inputs inputs, List<Step> steps, RunInputs.Model model, ModelGate gate,
        String failedStep, String finished, Double seconds) {

    /**
     * One step's outcome: its entry in the manifest, and its {@value DateRuns#STEP_DONE} when it has finished.
     *
     * @param step     the step's command
     * @param outcome  ran, kept from the published run, done before the run was interrupted, or not run
     * @param status   how its job ended, in the words all manifests share; null when not run
     * @param exitCode the exit code its job ended with; null when not run
     * @param seconds  how long it ran, to a tenth of a second
     * @param inputs   rows per table it read, by location
     * @param rows     rows per table it wrote
     * @param summary  its one-line summary
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Step(String step, String outcome, String status, Integer exitCode, double seconds,
            Map<String, Long> inputs, Map<String, Long> rows, String summary) {
    }

    RunRecord withStep(Step step) {
        List<Step> more = new ArrayList<>(steps);
        more.add(step);
        return new RunRecord(job, asOf, run, status, exitCode, fingerprint, started, resumed, resumedAt, code, javaVersion,
                sparkVersion, sparkMaster, inputs, more, model, gate, failedStep, finished, seconds);
    }

    RunRecord withModel(RunInputs.Model trained) {
        return new RunRecord(job, asOf, run, status, exitCode, fingerprint, started, resumed, resumedAt, code, javaVersion,
                sparkVersion, sparkMaster, inputs, steps, trained, gate, failedStep, finished, seconds);
    }

    RunRecord withGate(ModelGate decided) {
        return new RunRecord(job, asOf, run, status, exitCode, fingerprint, started, resumed, resumedAt, code, javaVersion,
                sparkVersion, sparkMaster, inputs, steps, model, decided, failedStep, finished, seconds);
    }

    /** The run stopped at {@code step}, whose job ended as {@code word} with {@code exit}. */
    RunRecord failed(String step, String word, int exit) {
        return new RunRecord(job, asOf, run, word, exit, fingerprint, started, resumed, resumedAt, code, javaVersion,
                sparkVersion, sparkMaster, inputs, steps, model, gate, step, finished, seconds);
    }

    /** The run was published, its status the most serious of its steps'. */
    RunRecord complete(String at, double took, JobOutcome.Status ended) {
        return new RunRecord(job, asOf, run, ended.word(), ended.exitCode(), fingerprint, started, resumed, resumedAt, code,
                javaVersion, sparkVersion, sparkMaster, inputs, steps, model, gate, failedStep, at, took);
    }
}
