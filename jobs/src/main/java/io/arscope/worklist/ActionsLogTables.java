package io.arscope.worklist;

import static io.arscope.job.Column.text;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

import io.arscope.job.Column;
import io.arscope.job.OutputTable;
import io.arscope.run.OutputFiles;

/**
 * The worklist's actions log, declared once: what every worklist run recommended, one folder per run
 * ({@code <log>/run_id=<id>/}, holding {@code actions/} as Parquet and {@code actions.csv} for people), appended by
 * {@link ActionsLog} and read back here by whoever audits it. Columns are defined in notebooks-docs/actions-log.md.
 */
public final class ActionsLogTables {

    /** The prefix of a run's folder under the log: {@code run_id=<id>}, as Hive-style partitions are named. */
    public static final String PARTITION_PREFIX = "run_id=";

    public static final Column<String> RUN_ID = text("run_id").required();
    /** When the run's rows were appended (UTC): of two runs for the same as-of day, the later one is the one kept. */
    public static final Column<Object> LOGGED_AT = Column.typed("logged_at", DataTypes.TimestampType).required();
    /**
     * The model that ranked the run: its training data's SHA-256 (as {@code worklist-run.json} records it), or
     * {@value #BASELINE} when the score run's gate fell back on the baseline.
     */
    public static final Column<String> MODEL_VERSION = text("model_version").required();
    public static final String BASELINE = "baseline";

    /** One row per worklist-customers row of a run: the customer's action, priority, rank and reasons that day. */
    public static final OutputTable ACTIONS = OutputTable.of("actions", RUN_ID, LOGGED_AT, WorklistTables.AS_OF,
            MODEL_VERSION, WorklistTables.COLLECTOR, WorklistTables.QUEUE, WorklistTables.CUSTOMER_ID,
            WorklistTables.CUSTOMER_NAME, WorklistTables.CURRENCY, WorklistTables.OPEN_AMOUNT,
            WorklistTables.OVERDUE_AMOUNT, WorklistTables.PRIORITY_VALUE, WorklistTables.CUSTOMER_RANK,
            WorklistTables.IN_TODAY, WorklistTables.ACTION_CODE, WorklistTables.NEXT_ACTION, WorklistTables.REASON_1,
            WorklistTables.REASON_2, WorklistTables.REASON_3)
            .keyedBy(RUN_ID, WorklistTables.COLLECTOR, WorklistTables.QUEUE, WorklistTables.CUSTOMER_ID,
                    WorklistTables.CURRENCY);

    private ActionsLogTables() {
    }

    /** The folder of run {@code runId} under the log {@code log}. */
    public static String partition(String log, String runId) {
        return OutputFiles.child(log, PARTITION_PREFIX + runId);
    }

    /**
     * The folders of the runs logged under {@code log}, in the order of their names; a folder being written (hidden,
     * {@code .run_id=...}) is not one of them. None when the log does not exist yet.
     */
    public static List<String> partitions(SparkSession spark, String log) throws IOException {
        Path folder = new Path(log);
        FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
        if (!fs.exists(folder)) {
            return List.of();
        }
        List<String> runs = new ArrayList<>();
        FileStatus[] children = fs.listStatus(folder);
        Arrays.sort(children, (a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
        for (FileStatus child : children) {
            if (child.isDirectory() && child.getPath().getName().startsWith(PARTITION_PREFIX)) {
                runs.add(child.getPath().toString());
            }
        }
        return runs;
    }

    /** Every run's rows in the log, as declared, read in one scan; empty when no run has been logged. */
    public static Dataset<Row> read(SparkSession spark, String log) throws IOException {
        List<String> runs = partitions(spark, log);
        if (runs.isEmpty()) {
            return ACTIONS.frame(spark, List.of());
        }
        // Each run's table is given as a path of its own, so its folder's name is not read as a partition column.
        return spark.read().parquet(runs.stream().map(ACTIONS::path).toArray(String[]::new))
                .select(ACTIONS.columns().stream().map(Column::col).toArray(org.apache.spark.sql.Column[]::new));
    }
}
