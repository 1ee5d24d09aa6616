package io.arscope.alerts;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import io.arscope.activity.PromiseStatus;

/**
 * Promises to pay broken since the previous run ({@value AlertsTables#BROKEN_PROMISE}): judged
 * {@value PromiseStatus#BROKEN} or {@value PromiseStatus#PARTLY_KEPT} as of this run ({@link PromiseStatus}) and,
 * as of the previous run, still pending or not yet made. A broken promise is {@value AlertsTables#HIGH}, a partly
 * kept one {@value AlertsTables#MEDIUM}; the amount is what is still missing of the promise, in the promise's
 * currency, or when it names none in the currency of the customer's invoices (when they have one).
 */
public final class BrokenPromises {

    private BrokenPromises() {
    }

    /**
     * @param now    {@link PromiseStatus#of} as of {@code asOf}
     * @param before {@link PromiseStatus#of} as of {@code previousAsOf}
     * @param invoices the ledger's invoices, for the currency of promises that name none
     * @param names  customer_id and name
     * @return rows of {@link AlertsTables#ALERTS}
     */
    public static Dataset<Row> of(Dataset<Row> now, Dataset<Row> before, Dataset<Row> invoices, Dataset<Row> names,
            LocalDate asOf, LocalDate previousAsOf) {
        Dataset<Row> currencies = invoices.groupBy(col("customer_id").as("i_id"))
                .agg(collect_set(col("currency")).as("currencies"))
                .select(col("i_id"), when(size(col("currencies")).equalTo(1), element_at(col("currencies"), 1))
                        .as("invoice_currency"));
        Dataset<Row> settledBefore = before.filter(col("status").notEqual(PromiseStatus.PENDING))
                .select(col("promise_id").as("b_id"));
        Dataset<Row> broken = now.filter(col("status").isin(PromiseStatus.BROKEN, PromiseStatus.PARTLY_KEPT))
                .join(settledBefore, col("promise_id").equalTo(col("b_id")), "left_anti")
                .join(names.select(col("customer_id").as("n_id"), col("name")),
                        col("customer_id").equalTo(col("n_id")), "left")
                .join(currencies, col("customer_id").equalTo(col("i_id")), "left")
                .withColumn("currency", coalesce(col("currency"), col("invoice_currency")));
        Column missing = col("amount").minus(col("paid_amount"));
        Column promised = concat(lit("promise "), col("promise_id"), lit(" made "), col("promised_on").cast("string"),
                lit(" to pay "), AlertText.money(col("amount"), col("currency")), lit(" by "),
                col("promised_date").cast("string"));
        Column paid = when(col("status").equalTo(PromiseStatus.BROKEN), lit(": nothing paid"))
                .otherwise(concat(lit(": "), AlertText.money(col("paid_amount"), col("currency")), lit(" paid, "),
                        AlertText.money(missing, col("currency")), lit(" missing")));
        return AlertsTables.ALERTS.conform(broken.select(
                lit(AlertsTables.BROKEN_PROMISE).as(AlertsTables.KIND.name()),
                when(col("status").equalTo(PromiseStatus.BROKEN), lit(AlertsTables.HIGH))
                        .otherwise(lit(AlertsTables.MEDIUM)).as(AlertsTables.SEVERITY.name()),
                col("customer_id").as(AlertsTables.SUBJECT_ID.name()),
                col("name").as(AlertsTables.SUBJECT_NAME.name()),
                concat(promised, paid, lit("; "), AlertText.count(col("days_overdue"), "day"), lit(" overdue"))
                        .as(AlertsTables.CHANGE.name()),
                lit(asOf).as(AlertsTables.AS_OF.name()),
                lit(previousAsOf).as(AlertsTables.PREVIOUS_AS_OF.name()),
                lit(null).cast(DataTypes.DoubleType).as(AlertsTables.CURRENT_VALUE.name()),
                lit(null).cast(DataTypes.DoubleType).as(AlertsTables.PREVIOUS_VALUE.name()),
                missing.as(AlertsTables.AMOUNT.name()), col("currency").as(AlertsTables.CURRENCY.name())));
    }
}
