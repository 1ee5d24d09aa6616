package io.arscope.job;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import io.arscope.run.OutputFiles;

/**
 * What a job runs with: the Spark session, its typed options, and the folder to write into. The folder is where the
 * outputs are built, not always where they are published: a command builds them in a staging folder and publishes
 * them in one rename ({@link PublishedFolder}); {@code arscope run} builds them in the date's run folder. Manifests
 * name the published place, {@link JobOptions#output()}.
 *
 * <p>Every Parquet table a job writes goes through {@link #writeTable} or {@link #recordRows}, so that the outcome
 * carries the rows of each without anything being read back.
 */
public final class JobContext<O extends JobOptions> {
    private final SparkSession spark;
    private final O options;
    private final String output;
    private final Map<String, Long> rows = new TreeMap<>();

    public JobContext(SparkSession spark, O options, String output) {
        this.spark = spark;
        this.options = options;
        this.output = output;
    }

    /** A context writing straight to the options' output folder. */
    public static <O extends JobOptions> JobContext<O> of(SparkSession spark, O options) {
        return new JobContext<>(spark, options, options.output());
    }

    public SparkSession spark() {
        return spark;
    }

    public O options() {
        return options;
    }

    public LocalDate asOf() {
        return options.asOf();
    }

    /** The folder to write into. */
    public String output() {
        return output;
    }

    /** {@code <output>/<name>}. */
    public String output(String name) {
        return OutputFiles.child(output, name);
    }

    /**
     * Writes a declared table as Parquet with a CSV beside it ({@link OutputFiles#writeTable}), its columns as
     * declared, and records its rows.
     */
    public void writeTable(OutputTable table, Dataset<Row> rows) throws java.io.IOException {
        recordRows(table.name(), OutputFiles.writeTable(spark, table.conform(rows), output, table.name()));
    }

    /** Records the rows of a Parquet table the job wrote itself at {@code <output>/<name>}. */
    public void recordRows(String name, long count) {
        rows.put(name, count);
    }

    /** Rows per Parquet table written, by path relative to the output folder. */
    public Map<String, Long> rows() {
        return java.util.Collections.unmodifiableSortedMap(new TreeMap<>(rows));
    }
}
