package io.arscope.audit;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trunc;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import io.arscope.worklist.WorklistTables;

/**
 * Recommended against done, by month: per month of the recommendations' day, collector and currency, and per month
 * and currency for all collectors together, how many recommendations were made, how many were acted on, that share,
 * how many were followed by a promise to pay, and the cash that followed them ({@link FollowUp}).
 */
public final class ActionsSummary {

    private ActionsSummary() {
    }

    /**
     * @param followed the rows of {@link ActionsSummaryTables#FOLLOWED}
     * @return the rows of {@link ActionsSummaryTables#SUMMARY}, by month, then currency, then collector with the row
     *         of all collectors first
     */
    public static Dataset<Row> of(Dataset<Row> followed) {
        Dataset<Row> monthly = followed.withColumn(ActionsSummaryTables.MONTH.name(),
                trunc(WorklistTables.AS_OF.col(), "month"));
        Dataset<Row> byCollector = figures(monthly.groupBy(ActionsSummaryTables.MONTH.col(),
                WorklistTables.COLLECTOR.col(), WorklistTables.CURRENCY.col()));
        Dataset<Row> all = figures(monthly.groupBy(ActionsSummaryTables.MONTH.col(), WorklistTables.CURRENCY.col()))
                .withColumn(ActionsSummaryTables.COLLECTOR.name(), lit(null).cast(DataTypes.StringType));
        Dataset<Row> both = byCollector.unionByName(all);
        return ActionsSummaryTables.SUMMARY.conform(both
                .withColumn(ActionsSummaryTables.SHARE_ACTED_ON.name(),
                        round(ActionsSummaryTables.ACTED_ON_COUNT.col().cast(DataTypes.DoubleType)
                                .divide(ActionsSummaryTables.RECOMMENDATIONS.col()), 4))
                .orderBy(ActionsSummaryTables.MONTH.col(), WorklistTables.CURRENCY.col(),
                        ActionsSummaryTables.COLLECTOR.col().asc_nulls_first()));
    }

    private static Dataset<Row> figures(org.apache.spark.sql.RelationalGroupedDataset groups) {
        return groups.agg(count(lit(1)).as(ActionsSummaryTables.RECOMMENDATIONS.name()),
                countWhere(ActionsSummaryTables.ACTED_ON.col()).as(ActionsSummaryTables.ACTED_ON_COUNT.name()),
                countWhere(ActionsSummaryTables.PROMISE_FOLLOWED.col()).as(ActionsSummaryTables.PROMISED.name()),
                sum(ActionsSummaryTables.CASH_FOLLOWED.col()).as(ActionsSummaryTables.CASH_FOLLOWED.name()),
                countWhere(ActionsSummaryTables.FOLLOW_UP_OVER.col().equalTo(false))
                        .as(ActionsSummaryTables.FOLLOW_UP_OPEN.name()));
    }

    private static Column countWhere(Column condition) {
        return sum(when(condition, lit(1L)).otherwise(lit(0L)));
    }
}
