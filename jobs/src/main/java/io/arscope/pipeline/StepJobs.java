package io.arscope.pipeline;

import io.arscope.job.JobOutcome;

/**
 * The seam between {@code arscope run} and the jobs: runs the job of one step, writing into the step's folder of the
 * run. The command line's implementation builds each job's typed options from the run's options and the config
 * file's section for the job; tests put stand-in jobs here. A failure is thrown and mapped to its exit code by the
 * one table, {@link io.arscope.job.ExitCode#of}.
 */
@FunctionalInterface
public interface StepJobs {

    JobOutcome run(Step step, StepFolders folders) throws Exception;
}
