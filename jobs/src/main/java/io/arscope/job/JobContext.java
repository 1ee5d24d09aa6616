package io.arscope.job;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
    private final Map<String, Long> inputs = new TreeMap<>();

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
     * declared, records its rows, and checks the table as written: the checks its declaration implies and
     * {@code checks}, the job's own ({@link OutputChecks}).
     *
     * @throws OutputCheckException when the table breaks a check or a value overflows its type while it is computed
     */
    public void writeTable(OutputTable table, Dataset<Row> rows, OutputChecks.Check... checks)
            throws java.io.IOException {
        long written;
        Dataset<Row> conformed = table.conform(rows);
        try {
            written = OutputFiles.writeTable(spark, conformed, output, table.name());
        } catch (Exception e) {
            // Spark reports a task's failure as its own (checked) SparkException, the overflow as its cause.
            if (OutputCheckException.within(table.name(), e).isPresent()) {
                throw OutputCheckException.within(table.name(), e).get();
            }
            throw e;
        }
        recordRows(table.name(), written);
        // Read back in the columns just written: Spark would otherwise run a job to find them in a file's footer.
        verify(table, spark.read().schema(conformed.schema()).parquet(table.path(output)), checks);
    }

    /**
     * Checks a declared table the job wrote itself at {@code <output>/<name>} as Parquet: the checks its declaration
     * implies and {@code checks}.
     *
     * @throws OutputCheckException when the table breaks one
     */
    public void checkTable(OutputTable table, OutputChecks.Check... checks) {
        verify(table, table.read(spark, output), checks);
    }

    private static void verify(OutputTable table, Dataset<Row> written, OutputChecks.Check... checks) {
        List<OutputChecks.Check> all = new ArrayList<>(OutputChecks.declared(table));
        all.addAll(List.of(checks));
        OutputChecks.verify(table, written, all);
    }

    /** Records the rows of a Parquet table the job wrote itself at {@code <output>/<name>}. */
    public void recordRows(String name, long count) {
        rows.put(name, count);
    }

    /**
     * Records the rows of each table the job read, by its location, for the outcome and the manifest.
     *
     * @return {@code read}, for the job's own manifest
     */
    public Map<String, Long> recordInputs(Map<String, Long> read) {
        inputs.putAll(read);
        return read;
    }

    /** Rows per table read, by location. */
    public Map<String, Long> inputs() {
        return java.util.Collections.unmodifiableSortedMap(new TreeMap<>(inputs));
    }

    /** Rows per Parquet table written, by path relative to the output folder. */
    public Map<String, Long> rows() {
        return java.util.Collections.unmodifiableSortedMap(new TreeMap<>(rows));
    }
}
