package io.arscope.audit;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;

import java.time.LocalDate;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import io.arscope.worklist.ActionsLogTables;
import io.arscope.worklist.WorklistTables;

/**
 * The runs of the actions log that an audit counts: for each as-of day up to the audit's day, the run logged last
 * (the worklist the collectors were given that day, when a day was run again); earlier runs of the same day are
 * superseded, runs of later days not yet audited. Each log row is in exactly one of the three.
 *
 * @param counted    the rows of the runs counted
 * @param superseded the rows of earlier runs of a day logged again
 * @param later      the rows of runs for days after the audit's day
 */
public record CountedRuns(Dataset<Row> counted, Dataset<Row> superseded, Dataset<Row> later) {

    /** Splits the log's rows ({@link ActionsLogTables#ACTIONS}) as of {@code day}. */
    public static CountedRuns of(Dataset<Row> log, LocalDate day) {
        String runId = ActionsLogTables.RUN_ID.name();
        Dataset<Row> runs = log.select(col(runId), WorklistTables.AS_OF.col(), ActionsLogTables.LOGGED_AT.col())
                .distinct()
                // Two runs logged in the same instant: the greater id, so that the choice never depends on order.
                .withColumn("latest", row_number().over(Window.partitionBy(WorklistTables.AS_OF.col())
                        .orderBy(ActionsLogTables.LOGGED_AT.col().desc(), col(runId).desc())).equalTo(1))
                .select(col(runId).as("of_run"), col("latest"));
        Dataset<Row> marked = log.join(runs, col(runId).equalTo(col("of_run")));
        Dataset<Row> upToDay = marked.filter(WorklistTables.AS_OF.col().leq(day));
        return new CountedRuns(rowsOf(upToDay.filter(col("latest"))), rowsOf(upToDay.filter(not(col("latest")))),
                rowsOf(marked.filter(WorklistTables.AS_OF.col().gt(day))));
    }

    private static Dataset<Row> rowsOf(Dataset<Row> marked) {
        return marked.drop("of_run", "latest");
    }
}
