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
 * @param rows     rows per Parquet table written, by path relative to the output folder
 */
public record JobOutcome(Status status, String summary, List<String> details, List<String> warnings,
        Map<String, Long> rows) {

    /** Whether a job's outputs can be used. */
    public enum Status {
        /** Complete and good. */
        OK(ExitCode.OK),
        /** Complete, but more rows were rejected than allowed: the run fails and says why. */
        TOO_MANY_REJECTS(ExitCode.TOO_MANY_REJECTS);

        private final int exitCode;

        Status(int exitCode) {
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    public JobOutcome {
        details = List.copyOf(details);
        warnings = List.copyOf(warnings);
        rows = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(rows));
    }

    /** A successful outcome with its summary, details and the rows the context recorded. */
    public static JobOutcome ok(JobContext<?> context, String summary, List<String> details) {
        return new JobOutcome(Status.OK, summary, details, List.of(), context.rows());
    }

    public JobOutcome withWarnings(List<String> more) {
        return new JobOutcome(status, summary, details, more, rows);
    }

    public JobOutcome withStatus(Status other) {
        return new JobOutcome(other, summary, details, warnings, rows);
    }

    /** All rows written, over every table. */
    public long totalRows() {
        return rows.values().stream().mapToLong(Long::longValue).sum();
    }
}
