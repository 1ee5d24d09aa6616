package io.arscope.job;

/**
 * One arscope job: options in, outputs written to the context's folder, an outcome back. The command line and
 * {@code arscope run} both call jobs through this contract; neither parses what the other prints.
 *
 * @param <O> the job's typed options
 */
public interface Job<O extends JobOptions> {

    /** The job's name: its command and the section of the config file its options come from. */
    String name();

    /**
     * Checks, before Spark starts, what can be checked of the options alone: that the folders of earlier jobs hold
     * their outputs, that values are in range. A bad option is a {@link UsageException}, a missing input an
     * {@link InputException}.
     */
    default void check(O options) throws Exception {
    }

    /** Runs the job; it writes only under {@link JobContext#output()}. */
    JobOutcome run(JobContext<O> context) throws Exception;
}
