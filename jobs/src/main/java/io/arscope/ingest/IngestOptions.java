package io.arscope.ingest;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Configuration of one ingest run.
 *
 * @param input          folder the mapping's file names are relative to (any Hadoop path: local, hdfs://, s3a://);
 *                       may be null when the mapping reads only database tables
 * @param mapping        the mapping file that describes the export
 * @param output         folder that receives canonical/, rejects/, rejects.csv, reconciliation.csv and
 *                       ingest-run.json; outputs of an earlier run there are replaced
 * @param asOf           business dates after this day are rejected; null accepts any date
 * @param maxRejectShare the run fails (exit 4) when any file rejects more than this share of its rows; the
 *                       outputs are still written so the rejects can be read
 * @param jdbcUrl        replaces the mapping's database URL; null keeps it
 * @param jdbcUser       replaces the database user of the environment ({@value JdbcConnection#USER_ENV}) and of the
 *                       mapping; null keeps them. The password comes only from {@value JdbcConnection#PASSWORD_ENV}.
 * @param bounds         dates outside these are rejected
 * @param maxDataAgeDays the run is stale (exit 8) when its latest dated row is more than this many days before
 *                       {@code asOf} ({@link Freshness}); null checks nothing
 * @param lake           a folder of Delta tables the export's records are merged into ({@link LakeTables}), the
 *                       output's {@code canonical/} then naming the versions committed; null writes the canonical
 *                       tables into the output as Parquet
 */
public record IngestOptions(String input, Path mapping, String output, LocalDate asOf, double maxRejectShare,
        String jdbcUrl, String jdbcUser, ValueBounds bounds, Integer maxDataAgeDays, String lake)
        implements io.arscope.job.JobOptions {
    public IngestOptions {
        if (maxRejectShare < 0 || maxRejectShare > 1) {
            throw new IllegalArgumentException("max reject share must be between 0 and 1, was " + maxRejectShare);
        }
        if (lake != null && io.arscope.run.Secrets.carriesCredentials(lake)) {
            // Not repeated: it holds the secret, and the lake's location is written into every load's lake.json.
            throw new IllegalArgumentException("the lake's location carries credentials; remove them and give them "
                    + "to Hadoop's configuration (core-site.xml or spark.hadoop.* settings) instead");
        }
        if (maxDataAgeDays != null && (maxDataAgeDays < 0 || asOf == null)) {
            throw new IllegalArgumentException("the freshness limit needs an as-of date and zero days or more, was "
                    + maxDataAgeDays + " days as of " + asOf);
        }
    }

    /** A run that writes its canonical tables into its output. */
    public IngestOptions(String input, Path mapping, String output, LocalDate asOf, double maxRejectShare,
            String jdbcUrl, String jdbcUser, ValueBounds bounds, Integer maxDataAgeDays) {
        this(input, mapping, output, asOf, maxRejectShare, jdbcUrl, jdbcUser, bounds, maxDataAgeDays, null);
    }

    /** A run that checks no freshness. */
    public IngestOptions(String input, Path mapping, String output, LocalDate asOf, double maxRejectShare,
            String jdbcUrl, String jdbcUser, ValueBounds bounds) {
        this(input, mapping, output, asOf, maxRejectShare, jdbcUrl, jdbcUser, bounds, null, null);
    }

    /** A run with the default bounds, whose database, if any, is the mapping's and the environment's. */
    public IngestOptions(String input, Path mapping, String output, LocalDate asOf, double maxRejectShare) {
        this(input, mapping, output, asOf, maxRejectShare, null, null, ValueBounds.DEFAULT, null, null);
    }
}
