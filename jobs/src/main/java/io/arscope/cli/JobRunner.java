package io.arscope.cli;

import java.io.PrintWriter;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.arscope.job.ExitCode;
import io.arscope.job.Job;
import io.arscope.job.JobContext;
import io.arscope.job.JobOptions;
import io.arscope.job.JobOutcome;
import io.arscope.job.PublishedFolder;
import io.arscope.run.Progress;
import io.arscope.run.SparkSessions;
import picocli.CommandLine;

/**
 * Runs one job for a command: checks its options, opens Spark, builds the outputs in a new version of the output
 * folder and publishes it when the job has succeeded, prints what the job reports, and turns a failure into its
 * exit code through {@link ExitCode#of}. Every command goes through here, so the same failure gives the same code.
 */
final class JobRunner {
    private static final Logger LOG = Logger.getLogger(JobRunner.class.getName());

    private final PrintWriter out;
    private final PrintWriter err;
    private final Progress.Mode progress;

    JobRunner(PrintWriter out, PrintWriter err, Progress.Mode progress) {
        this.out = out;
        this.err = err;
        this.progress = progress;
    }

    /**
     * The runner of a command, printing where the command line prints, showing progress as its {@code --progress}
     * ({@link SharedOptions.Spark}) says; a command without the option shows none.
     */
    static JobRunner of(CommandLine.Model.CommandSpec spec) {
        CommandLine.Model.OptionSpec option = spec.findOption("--progress");
        Progress.Mode mode = option == null ? Progress.Mode.OFF : option.getValue();
        return new JobRunner(spec.commandLine().getOut(), spec.commandLine().getErr(), mode);
    }

    /** The options of a job, built from what the command line parsed; may refuse them. */
    @FunctionalInterface
    interface Options<O> {
        O build() throws Exception;
    }

    <O extends JobOptions> int run(Job<O> job, Options<O> build, String master) {
        PublishedFolder staged = null;
        SparkSessions.Scoped spark = null;
        try {
            O options = build.build();
            job.check(options);
            long start = System.nanoTime();
            spark = SparkSessions.open("arscope-" + job.name(), master);
            org.apache.hadoop.conf.Configuration hadoop = spark.session().sparkContext().hadoopConfiguration();
            String folder = null;
            if (options.output() != null) {
                staged = PublishedFolder.begin(options.output(), hadoop);
                folder = staged.folder();
            }
            JobOutcome outcome;
            try (Progress.Tracking shown = Progress.of(progress, err).track(spark.session(), job.name())) {
                outcome = job.run(new JobContext<>(spark.session(), options, folder));
            }
            outcome.details().forEach(out::println);
            outcome.warnings().forEach(w -> err.println("arscope " + job.name() + ": warning: " + w));
            String where = options.output();
            if (staged != null) {
                // Not discarded once publishing has begun: after the switch the version is the published one, and
                // one left behind by a failure before it is pruned by the next successful run.
                PublishedFolder publishing = staged;
                staged = null;
                if (outcome.status().published()) {
                    publishing.publish(hadoop);
                } else {
                    // Kept for a person to read (the rejects of exit 4), but not switched to: a scheduled job after
                    // this one must go on reading the last good outputs, not these.
                    where = publishing.folder();
                    err.println("arscope " + job.name() + ": not published (exit " + outcome.status().exitCode()
                            + ", " + outcome.status().word() + "): " + options.output() + " still holds the last "
                            + "published outputs, if any; this run's are in " + where);
                }
            }
            out.printf("%s in %.1f s%s%n", outcome.summary(), (System.nanoTime() - start) / 1e9,
                    where == null ? "" : "; outputs in " + where);
            return outcome.status().exitCode();
        } catch (Exception e) {
            return fail(job.name(), e);
        } finally {
            if (staged != null) {
                try {
                    staged.discard(spark.session().sparkContext().hadoopConfiguration());
                } catch (Exception e) {
                    err.println("arscope " + job.name() + ": could not remove the unfinished output " + staged.folder()
                            + ": " + e.getMessage());
                }
            }
            if (spark != null) {
                spark.close();
            }
        }
    }

    /** Prints a failure and returns its exit code. */
    int fail(String command, Exception e) {
        err.println(ExitCode.message(command, e));
        LOG.log(Level.FINE, "failure", e);
        return ExitCode.of(e);
    }
}
