package io.arscope.job;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a job ended. The command line prints the details, the warnings and the summary; {@code arscope run} writes
 * them to the step's log and puts the summary and rows into its manifest.
 *
 * @param status   whether the outputs are complete and good to use
 * @param summary  one line saying what was done, without timing or output folder (the caller adds those)
 * @param details  lines worth printing before the summary (a reconciliation, accuracy by horizon)
 * @param warnings lines for the error stream: the outputs are complete, but something deserves a look
 * @param rows     rows per table written (or rows a model learned from), by path relative to the output folder
 * @param inputs   rows per table read, by its location
 */
public record JobOutcome(Status status, String summary, List<String> details, List<String> warnings,
        Map<String, Long> rows, Map<String, Long> inputs) {

    /**
     * Whether a job's outputs can be used, in the words every manifest uses ({@code run.json}, {@code _step.json},
     * {@code *-run.json}, {@code model.json}'s run) with the exit code it ends a command with. A manifest that is
     * still being written says {@value #RUNNING}; one whose job failed says {@value #FAILED} beside its exit code.
     */
    public enum Status {
        /** Complete and good. */
        OK("complete", ExitCode.OK),
        /** Complete and published, with warnings that deserve a look (a model that lost to its baseline). */
        WARNINGS("complete_with_warnings", ExitCode.PUBLISHED_WITH_WARNINGS),
        /** Complete, but more rows were rejected than allowed: the run fails and says why. */
        TOO_MANY_REJECTS("too_many_rejects", ExitCode.TOO_MANY_REJECTS),
        /** Complete, but the export's latest dated row is older than the freshness limit allows. */
        STALE_INPUT("stale_input", ExitCode.STALE_INPUT);

        /** The status of a manifest whose job or run has not ended. */
        public static final String RUNNING = "running";
        /** The status of a manifest whose job or run ended with a failure (its exit code beside it). */
        public static final String FAILED = "failed";

        private final String word;
        private final int exitCode;

        Status(String word, int exitCode) {
            this.word = word;
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }

        /** The status as manifests write it. */
        public String word() {
            return word;
        }

        /** Whether the outputs are published: complete, with warnings or without. */
        public boolean published() {
            return this == OK || this == WARNINGS;
        }

        /** The more serious of two: a step's warnings make its run's status one with warnings. */
        public Status and(Status other) {
            return other.compareTo(this) > 0 ? other : this;
        }
    }

    public JobOutcome {
        details = List.copyOf(details);
        warnings = List.copyOf(warnings);
        rows = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(rows));
        inputs = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(inputs));
    }

    /** An outcome that read nothing worth counting. */
    public JobOutcome(Status status, String summary, List<String> details, List<String> warnings,
            Map<String, Long> rows) {
        this(status, summary, details, warnings, rows, Map.of());
    }

    /** A successful outcome with its summary, details and the rows read and written the context recorded. */
    public static JobOutcome ok(JobContext<?> context, String summary, List<String> details) {
        return new JobOutcome(Status.OK, summary, details, List.of(), context.rows(), context.inputs());
    }

    public JobOutcome withWarnings(List<String> more) {
        return new JobOutcome(status, summary, details, more, rows, inputs);
    }

    public JobOutcome withStatus(Status other) {
        return new JobOutcome(other, summary, details, warnings, rows, inputs);
    }

    /** All rows written, over every table. */
    public long totalRows() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }
}
