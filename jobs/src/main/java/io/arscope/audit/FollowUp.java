package io.arscope.audit;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.arscope.worklist.ActionsLogTables;
import io.arscope.worklist.WorklistTables;

/**
 * What followed each recommendation of the actions log: whether the customer was contacted within the days to act
 * (from the recommendation's day, that day included, since the list is worked that day), the first such contact,
 * whether the customer made a promise to pay within the same days, and the cash the customer paid in the row's
 * currency from the next day to the end of the cash window. Only what
 * is known by the audit's day counts; a recommendation whose windows end later is marked open.
 *
 * <p>A recommendation is a row the worklist put on a collector's list that day ({@code in_today}); rows beyond a
 * collector's capacity were not recommended and are not followed up.
 */
public final class FollowUp {

    /** A recommendation's key in the log: one row per run, collector, queue, customer and currency. */
    private static final List<String> KEY = List.of(ActionsLogTables.RUN_ID.name(), WorklistTables.COLLECTOR.name(),
            WorklistTables.QUEUE.name(), WorklistTables.CUSTOMER_ID.name(), WorklistTables.CURRENCY.name());

    private FollowUp() {
    }

    /**
     * @param actions  the log's rows of the runs counted ({@link CountedRuns#counted})
     * @param contacts the canonical contacts: customer_id, contact_id, contact_date, channel, outcome, collector
     * @param promises the canonical promises to pay: customer_id, promised_on
     * @param payments payments with customer_id and currency filled: customer_id, payment_date, amount, currency
     * @param day      the audit's day: nothing dated later is known
     * @return the rows of {@link ActionsSummaryTables#FOLLOWED}
     */
    public static Dataset<Row> of(Dataset<Row> actions, Dataset<Row> contacts, Dataset<Row> promises,
            Dataset<Row> payments, LocalDate day, FollowUpWindows windows) {
        Dataset<Row> recommended = actions.filter(WorklistTables.IN_TODAY.col().equalTo(true));
        Column asOf = col("r_as_of");
        List<Column> keyed = new ArrayList<>(List.of(keyColumns()));
        keyed.addAll(List.of(col("as_of").as("r_as_of"), col("customer_id").as("r_customer"),
                col("currency").as("r_currency")));
        Dataset<Row> keys = recommended.select(keyed.toArray(Column[]::new));

        Dataset<Row> contacted = keys.join(contacts.select(col("customer_id").as("c_customer"), col("contact_date"),
                        col("contact_id"), col("channel"), col("outcome"), col("collector").as("by")),
                        col("r_customer").equalTo(col("c_customer"))
                        .and(col("contact_date").geq(asOf))
                        .and(col("contact_date").leq(least(date_add(asOf, windows.actedWithinDays()), lit(day)))))
                .groupBy(keyColumns())
                .agg(count(lit(1)).as("n_contacts"), min(struct(col("contact_date"), col("contact_id"),
                        col("channel"), col("outcome"), col("by"))).as("first"));
        Dataset<Row> promised = keys.join(promises.select(col("customer_id").as("pr_customer"),
                        col("promised_on")), col("r_customer").equalTo(col("pr_customer"))
                        .and(col("promised_on").geq(asOf))
                        .and(col("promised_on").leq(least(date_add(asOf, windows.actedWithinDays()), lit(day)))))
                .groupBy(keyColumns())
                .agg(count(lit(1)).as("n_promises"));
        Dataset<Row> paid = keys.join(payments.select(col("customer_id").as("p_customer"),
                        col("currency").as("p_currency"), col("payment_date"), col("amount")),
                        col("r_customer").equalTo(col("p_customer"))
                        .and(col("r_currency").equalTo(col("p_currency")))
                        .and(col("payment_date").gt(asOf))
                        .and(col("payment_date").leq(least(date_add(asOf, windows.cashWithinDays()), lit(day)))))
                .groupBy(keyColumns())
                .agg(sum(col("amount")).as("paid"));

        Dataset<Row> joined = recommended
                .join(contacted, scala.collection.JavaConverters.asScalaBuffer(KEY).toSeq(), "left")
                .join(promised, scala.collection.JavaConverters.asScalaBuffer(KEY).toSeq(), "left")
                .join(paid, scala.collection.JavaConverters.asScalaBuffer(KEY).toSeq(), "left");
        Column ends = date_add(col("as_of"), windows.days());
        return ActionsSummaryTables.FOLLOWED.conform(joined
                .withColumn(ActionsSummaryTables.ACTED_ON.name(), col("n_contacts").isNotNull())
                .withColumn(ActionsSummaryTables.CONTACTS.name(), coalesce(col("n_contacts"), lit(0L)))
                .withColumn(ActionsSummaryTables.FIRST_CONTACT_DATE.name(), col("first.contact_date"))
                .withColumn(ActionsSummaryTables.FIRST_CONTACT_CHANNEL.name(), col("first.channel"))
                .withColumn(ActionsSummaryTables.FIRST_CONTACT_OUTCOME.name(), col("first.outcome"))
                .withColumn(ActionsSummaryTables.FIRST_CONTACT_COLLECTOR.name(), col("first.by"))
                .withColumn(ActionsSummaryTables.PROMISE_FOLLOWED.name(), col("n_promises").isNotNull())
                .withColumn(ActionsSummaryTables.CASH_FOLLOWED.name(), coalesce(col("paid"),
                        lit(BigDecimal.ZERO.setScale(2))))
                .withColumn(ActionsSummaryTables.FOLLOW_UP_ENDS.name(), ends)
                .withColumn(ActionsSummaryTables.FOLLOW_UP_OVER.name(), ends.leq(lit(day)))
                .select(ActionsSummaryTables.FOLLOWED.columns().stream().map(io.arscope.job.Column::col)
                        .toArray(Column[]::new)));
    }

    private static Column[] keyColumns() {
        return KEY.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    }
}
