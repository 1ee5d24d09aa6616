package io.arscope.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import java.util.logging.Logger;


import io.arscope.ingest.IngestJob;
import io.arscope.ingest.IngestOptions;
import io.arscope.ingest.InputException;
import io.arscope.ingest.JdbcConnection;
import io.arscope.ingest.Reconciliation;
import io.arscope.ingest.mapping.MappingException;
import io.arscope.run.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code arscope ingest}: an export, through its mapping, into the canonical Parquet tables. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Reads a receivables export (CSV or JSON Lines files, or database tables over JDBC) through a "
                + "mapping file, validates every row, "
                + "and writes the canonical tables as Parquet partitioned by month, the rejected rows with their "
                + "reasons, a reconciliation per file and a run manifest.",
                "",
                "Outputs under --output: canonical/<table>/ (Parquet), rejects/ (Parquet), rejects.csv, "
                        + "reconciliation.csv, ingest-run.json."},
        footer = {"", "Exit codes: 0 ok, 1 unexpected failure, 2 usage or mapping error, 3 input missing or "
                + "unreadable, 4 a file's rejected share is over --max-reject-share (outputs still written)."})
final class IngestCommand implements Callable<Integer> {
    private static final Logger LOG = Logger.getLogger(IngestCommand.class.getName());

    @Option(names = "--input", description = "Folder holding the export files; not needed when the mapping reads "
            + "only database tables.")
    String input;

    @Option(names = "--mapping", required = true, description = "Mapping file (YAML or JSON) describing the export.")
    Path mapping;

    @Option(names = "--output", required = true, description = "Folder for the outputs; replaced on rerun.")
    String output;

    @Option(names = "--as-of", description = "Reject business dates after this day (yyyy-MM-dd). Default: today.")
    LocalDate asOf;

    @Option(names = "--any-date", description = "Accept business dates after the as-of date.")
    boolean anyDate;

    @Option(names = "--max-reject-share", defaultValue = "0.05",
            description = "Fail (exit 4) when a file rejects more than this share of its rows. Default: ${DEFAULT-VALUE}.")
    double maxRejectShare;

    @Option(names = "--jdbc-url", description = "JDBC URL of the database, replacing the mapping's. Never put the "
            + "password in it: it is read from the environment variable " + JdbcConnection.PASSWORD_ENV + ".")
    String jdbcUrl;

    @Option(names = "--jdbc-user", description = "Database user, replacing " + JdbcConnection.USER_ENV
            + " and the mapping's.")
    String jdbcUser;

    @Option(names = "--master", description = "Spark master URL. Default: spark-submit's, else local[*].")
    String master;

    @Option(names = "--config", description = "YAML file with defaults for these options, in a section 'ingest'.")
    Path config;

    @Override
    public Integer call() {
        if (maxRejectShare < 0 || maxRejectShare > 1) {
            System.err.println("arscope ingest: --max-reject-share must be between 0 and 1, was " + maxRejectShare);
            return ExitCode.USAGE;
        }
        LocalDate cutoff = anyDate ? null : asOf != null ? asOf : LocalDate.now();
        IngestOptions options = new IngestOptions(input, mapping, output, cutoff, maxRejectShare, jdbcUrl,
                jdbcUser);
        long start = System.nanoTime();
        try (SparkSessions.Scoped spark = SparkSessions.open("arscope-ingest", master)) {
            IngestJob.Outcome outcome = IngestJob.run(spark.session(), options);
            Reconciliation r = outcome.reconciliation();
            System.out.print(r.report());
            outcome.records().forEach((table, n) -> System.out.printf("  %-12s %,12d records%n", table.tableName(), n));
            System.out.printf("ingest: %d rows read, %d accepted, %d rejected in %.1f s; outputs in %s%n",
                    r.read(), r.accepted(), r.rejected(), (System.nanoTime() - start) / 1e9, output);
            if (!outcome.passed()) {
                for (Reconciliation.FileCounts f : outcome.overThreshold()) {
                    System.err.printf("arscope ingest: %s rejected %.2f%% of its rows, over the allowed %.2f%%; "
                            + "see %s/rejects.csv%n", f.file(), 100 * f.rejectedShare(), 100 * maxRejectShare, output);
                }
                return ExitCode.TOO_MANY_REJECTS;
            }
            return ExitCode.OK;
        } catch (MappingException e) {
            System.err.println("arscope ingest: " + e.getMessage());
            return ExitCode.USAGE;
        } catch (InputException e) {
            System.err.println("arscope ingest: " + e.getMessage());
            return ExitCode.INPUT;
        } catch (java.io.IOException e) {
            LOG.severe("ingest failed: " + e);
            System.err.println("arscope ingest: I/O failure: " + e.getMessage());
            return ExitCode.FAILURE;
        }
    }
}
