package io.arscope.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

import io.arscope.ingest.IngestJob;
import io.arscope.ingest.IngestOptions;
import io.arscope.ingest.JdbcConnection;
import io.arscope.ingest.ValueBounds;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code arscope ingest}: an export, through its mapping, into the canonical Parquet tables. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Reads a receivables export (CSV or JSON Lines files, Excel workbooks, or database tables "
                + "over JDBC) through a mapping file, validates every row, "
                + "and writes the canonical tables as Parquet partitioned by month (rows with business oddities "
                + "flagged), the rejected rows with their reasons, a reconciliation per file, the rows each "
                + "data-quality rule rejected or flagged, and a run manifest.",
                "",
                "Outputs under --output: canonical/<table>/ (Parquet), rejects/ (Parquet), rejects.csv, "
                        + "reconciliation.csv, data_quality/ (Parquet), data_quality.csv, ingest-run.json. With "
                        + "--lake, canonical/lake.json instead of the tables: the lake's versions this load committed."},
        footer = {"", Arscope.EXIT_CODES})
final class IngestCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", converter = SharedOptions.AbsoluteLocation.class,
            description = "Folder holding the export files; not needed when the mapping reads "
            + "only database tables.")
    String input;

    @Option(names = "--mapping", converter = SharedOptions.AbsolutePath.class,
            required = true, description = "Mapping file (YAML or JSON) describing the export.")
    Path mapping;

    @Mixin
    SharedOptions.Output output;

    @Option(names = "--as-of", description = "The day the export stands for (yyyy-MM-dd): rows dated after it are kept, "
            + "flagged DATED_AFTER_AS_OF, and left out of every job run as of it. Default: today.")
    LocalDate asOf;

    @Mixin
    Settings settings;

    @Option(names = "--jdbc-url", description = "JDBC URL of the database, replacing the mapping's. Never put the "
            + "password in it: it is read from the environment variable " + JdbcConnection.PASSWORD_ENV + ".")
    String jdbcUrl;

    @Option(names = "--jdbc-user", description = "Database user, replacing " + JdbcConnection.USER_ENV
            + " and the mapping's.")
    String jdbcUser;

    @Mixin
    SharedOptions.Spark spark;
    @Mixin
    SharedOptions.Config config;

    /** The options that tune ingest, as the command and the config file's section 'ingest' give them. */
    static final class Settings {
        @Option(names = "--any-date", description = "No as-of date: flag no row for its date, check no freshness.")
        boolean anyDate;

        @Option(names = "--max-reject-share", defaultValue = "0.05", description = "Fail (exit 4) when a file "
                + "rejects more than this share of its rows; the outputs are still written. Default: "
                + "${DEFAULT-VALUE}.")
        double maxRejectShare;

        @Option(names = "--earliest-date", defaultValue = "1900-01-01", description = "Reject dates before this "
                + "day (yyyy-MM-dd), due dates included: placeholders such as 0001-01-01. Not before 1582-10-15. "
                + "Default: ${DEFAULT-VALUE}.")
        LocalDate earliestDate;

        @Option(names = "--latest-date", defaultValue = "2099-12-31", description = "Reject dates after this day "
                + "(yyyy-MM-dd), due dates included: placeholders such as 9999-12-31. Default: ${DEFAULT-VALUE}.")
        LocalDate latestDate;

        @Option(names = "--max-data-age", defaultValue = "7", description = "Fail (exit 8, stale input) when the "
                + "latest dated row (invoice, payment, credit memo, write-off or dispute) is more than this many days "
                + "before --as-of; the outputs are written but not published. Checked only when --as-of is given (always in "
                + "arscope run). Default: ${DEFAULT-VALUE}.")
        int maxDataAge;

        @Option(names = "--lake", converter = SharedOptions.AbsoluteLocation.class, description = "Folder of Delta "
                + "tables to merge the export into: new records are added, changed ones replace the stored, so a "
                + "daily export of new and changed rows keeps the full history there; its rows may name what the "
                + "lake already holds. canonical/ under --output then names the versions this load committed, "
                + "which every later job reads. Made on the first load. See notebooks-docs/incremental-loads.md.")
        String lake;

        IngestOptions options(String input, Path mapping, String output, LocalDate asOf, String jdbcUrl,
                String jdbcUser) {
            if (maxDataAge < 0) {
                // Refused whether or not it would be used: a negative limit is a mistake either way.
                throw new IllegalArgumentException("--max-data-age must be zero days or more, was " + maxDataAge);
            }
            // Without --as-of the date is today's, and an export of any earlier day would be called stale.
            boolean checkFreshness = asOf != null && !anyDate;
            return new IngestOptions(input, mapping, output, anyDate ? null : asOf != null ? asOf : LocalDate.now(),
                    maxRejectShare, jdbcUrl, jdbcUser, new ValueBounds(earliestDate, latestDate),
                    checkFreshness ? maxDataAge : null, lake);
        }
    }

    @Override
    public Integer call() {
        return JobRunner.of(spec).run(new IngestJob(),
                () -> settings.options(input, mapping, output.output, asOf, jdbcUrl, jdbcUser), spark.master);
    }
}
