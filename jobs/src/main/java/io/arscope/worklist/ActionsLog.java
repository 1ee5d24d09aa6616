package io.arscope.worklist;

import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import com.fasterxml.jackson.core.type.TypeReference;

import io.arscope.job.Column;
import io.arscope.job.OutputChecks;
import io.arscope.risk.ScoreTables;
import io.arscope.run.OutputFiles;
import io.arscope.run.RunManifest;

/**
 * Appends a worklist run's recommendations to the actions log ({@link ActionsLogTables}): the audit trail of what
 * was recommended, by which model, to whom. Append-only: each run adds a folder of its own, built under a hidden
 * name and renamed into place when complete, so a reader sees a run whole or not at all, and no earlier run's folder
 * is ever written again.
 *
 * <p>A run id already in the log is idempotent, not an error, when the run recommends the same rows (a pipeline
 * resumed after a crash repeats its worklist step): the folder there is kept as it is. The same id with other rows is
 * refused, since the log is never rewritten: give the run another id.
 */
public final class ActionsLog {

    /** A run id: it names a folder, so letters, digits, dot, dash and underscore, not starting with dot or dash. */
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,199}");
    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private ActionsLog() {
    }

    /**
     * Where a worklist run logs its actions.
     *
     * @param folder the log's folder (created with the first run)
     * @param runId  the run's id in the log
     */
    public record Target(String folder, String runId) {
        public Target {
            if (folder == null || folder.isBlank()) {
                throw new IllegalArgumentException("the actions log needs a folder");
            }
            if (runId == null || !RUN_ID.matcher(runId).matches()) {
                throw new IllegalArgumentException("run id '" + runId + "' cannot name a folder of the actions log: "
                        + "use letters, digits, '.', '-' and '_' (up to 200), not starting with '.' or '-'");
            }
        }

        /** A run logged under {@code folder} with an id of when it started: {@code 20261201T160827.123Z}. */
        public static Target startingAt(String folder, Instant started) {
            return new Target(folder, STARTED.format(started));
        }
    }

    /**
     * What an append did.
     *
     * @param partition     the run's folder in the log
     * @param rows          its rows
     * @param alreadyLogged whether the same rows were there already under the run id, and were left as they were
     */
    public record Appended(String runId, String partition, long rows, boolean alreadyLogged) {
        /** A line for the job's outcome. */
        public String line() {
            return alreadyLogged
                    ? String.format("actions log: run %s was logged already with the same %,d rows; left as it was "
                            + "(%s)", runId, rows, partition)
                    : String.format("actions log: appended %,d rows as run %s (%s)", rows, runId, partition);
        }
    }

    /**
     * The log's rows of a run: one per row of its worklist-customers, with the run's id, time and model version.
     *
     * @param customers the run's worklist-customers, as {@link WorklistTables#CUSTOMERS} declares them
     */
    public static Dataset<Row> rows(Dataset<Row> customers, String runId, Instant loggedAt, String modelVersion) {
        Dataset<Row> withRun = customers
                .withColumn(ActionsLogTables.RUN_ID.name(), lit(runId))
                .withColumn(ActionsLogTables.LOGGED_AT.name(), lit(Timestamp.from(loggedAt)))
                .withColumn(ActionsLogTables.MODEL_VERSION.name(), lit(modelVersion));
        return ActionsLogTables.ACTIONS.conform(withRun.select(ActionsLogTables.ACTIONS.columns().stream()
                .map(Column::col).toArray(org.apache.spark.sql.Column[]::new)));
    }

    /**
     * Appends a worklist run's customer rows to the log, when the run has one.
     *
     * @param target    where, and under which run id; null for no log
     * @param customers the run's worklist-customers
     * @param source    where its scores came from, for the model version
     * @return what was done, or null when the run has no log
     * @throws IllegalArgumentException when the run id is in the log already with other rows
     */
    public static Appended append(SparkSession spark, Target target, Dataset<Row> customers,
            WorklistJob.ScoreSource source) throws IOException {
        if (target == null) {
            return null;
        }
        return append(spark, target, rows(customers, target.runId(), Instant.now(), modelVersion(spark, source)));
    }

    /**
     * Appends a run's rows ({@link #rows}) to the log: written and checked under a hidden name beside the run's
     * folder, then renamed to it.
     *
     * @throws IllegalArgumentException when the run id is in the log already with other rows
     */
    public static Appended append(SparkSession spark, Target target, Dataset<Row> rows) throws IOException {
        String partition = ActionsLogTables.partition(target.folder(), target.runId());
        Path folder = new Path(partition);
        FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (fs.exists(folder)) {
            return logged(spark, target, partition, rows);
        }
        Path building = new Path(target.folder(), "." + ActionsLogTables.PARTITION_PREFIX + target.runId() + "."
                + UUID.randomUUID() + ".tmp");
        try {
            long written = OutputFiles.writeTable(spark, rows.orderBy(WorklistTables.COLLECTOR.col(),
                    WorklistTables.QUEUE.col(), WorklistTables.CUSTOMER_RANK.col(), WorklistTables.CUSTOMER_ID.col(),
                    WorklistTables.CURRENCY.col()), building.toString(), ActionsLogTables.ACTIONS.name());
            OutputChecks.verify(ActionsLogTables.ACTIONS, ActionsLogTables.ACTIONS.read(spark, building.toString()),
                    OutputChecks.declared(ActionsLogTables.ACTIONS));
            if (!moveInto(fs, building, folder)) {
                // Another run with the same id got there first: the same rows or a refusal, as if it had been earlier.
                return logged(spark, target, partition, rows);
            }
            return new Appended(target.runId(), partition, written, false);
        } finally {
            fs.delete(building, true);
        }
    }

    /** The outcome of appending {@code rows} to a run id the log holds already. */
    private static Appended logged(SparkSession spark, Target target, String partition, Dataset<Row> rows) {
        Dataset<Row> there = ActionsLogTables.ACTIONS.read(spark, partition).drop(ActionsLogTables.LOGGED_AT.name());
        Dataset<Row> now = rows.drop(ActionsLogTables.LOGGED_AT.name());
        if (!there.exceptAll(now).isEmpty() || !now.exceptAll(there).isEmpty()) {
            throw new IllegalArgumentException("run " + target.runId() + " is in the actions log " + target.folder()
                    + " already with other recommendations; the log is never rewritten: give this run another id");
        }
        return new Appended(target.runId(), partition, there.count(), true);
    }

    /**
     * Renames the finished folder to the run's, atomically: a local rename that fails when the run's folder has
     * appeared meanwhile, else the file system's rename where the target does not exist (atomic where its rename is).
     *
     * @return false when the run's folder exists
     */
    private static boolean moveInto(FileSystem fs, Path building, Path folder) throws IOException {
        if (!folder.toString().contains("://") || "file".equals(folder.toUri().getScheme())) {
            try {
                Files.move(java.nio.file.Path.of(building.toUri().getPath()),
                        java.nio.file.Path.of(folder.toUri().getPath()), StandardCopyOption.ATOMIC_MOVE);
                return true;
            } catch (FileSystemException e) {
                // A rename onto a folder with files fails (ENOTEMPTY is no exception of its own type).
                if (fs.exists(folder)) {
                    return false;
                }
                throw e;
            }
        }
        if (fs.exists(folder)) {
            return false;
        }
        if (!fs.rename(building, folder)) {
            throw new IOException("could not rename " + building + " to " + folder);
        }
        return true;
    }

    /**
     * The version of the model behind a worklist's ranking: {@value ActionsLogTables#BASELINE} when the worklist or
     * the score run it read fell back on the baseline, else the model's training-data SHA-256 (its path when it records none).
     */
    static String modelVersion(SparkSession spark, WorklistJob.ScoreSource source) throws IOException {
        if (ScoreTables.BASELINE_RANKING.equals(source.ranking())) {
            return ActionsLogTables.BASELINE;
        }
        if (source.scores() != null) {
            RunManifest<ScoreTables.RunOptions, Map<String, Object>, ScoreTables.RunOutputs> scoreRun =
                    RunManifest.read(OutputFiles.readText(spark, OutputFiles.child(source.scores(),
                            ScoreTables.MANIFEST)), new TypeReference<>() { });
            if (ScoreTables.BASELINE_RANKING.equals(scoreRun.outputs().ranking())) {
                return ActionsLogTables.BASELINE;
            }
        }
        return source.modelTrainingDataSha256() != null ? source.modelTrainingDataSha256() : source.model();
    }
}
