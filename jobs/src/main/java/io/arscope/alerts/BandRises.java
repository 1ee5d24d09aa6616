package io.arscope.alerts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.arscope.risk.ScoreTables;

/**
 * Customers whose risk band is higher than at the previous run ({@value AlertsTables#RISK_BAND_ROSE}). A
 * customer's band is its customer score's band (the probability of an invoice more than 60 days past due within 90
 * days) when both runs scored customers, else the highest band among its open invoices' scores (the probability of
 * paying late). Only customers both runs scored are compared: one new today has no band to rise from.
 */
public final class BandRises {
    /** Columns of {@link #ofInvoices} and {@link #ofCustomers}. */
    static final String BAND = "band";
    static final String PROBABILITY = "probability";
    static final String EXPOSURE = "exposure";
    static final String CURRENCY = "currency";

    private BandRises() {
    }

    /** Each customer's band from its open invoices' scores: the highest, with the highest probability. */
    public static Dataset<Row> ofInvoices(Dataset<Row> scores) {
        return scores.groupBy(ScoreTables.CUSTOMER_ID.col())
                .agg(max(rank(ScoreTables.RISK_BAND.col())).as("rank"),
                        max(ScoreTables.PROBABILITY_LATE.col()).as(PROBABILITY),
                        sum(ScoreTables.OPEN_AMOUNT.col()).as("open"),
                        collect_set(ScoreTables.CURRENCY.col()).as("currencies"))
                // An amount is only added up within one currency; several currencies show none.
                .select(ScoreTables.CUSTOMER_ID.col(), band(col("rank")).as(BAND), col(PROBABILITY),
                        when(size(col("currencies")).equalTo(1), col("open")).as(EXPOSURE),
                        when(size(col("currencies")).equalTo(1), element_at(col("currencies"), 1)).as(CURRENCY));
    }

    /** Each customer's band from its customer score. */
    public static Dataset<Row> ofCustomers(Dataset<Row> customerScores) {
        return customerScores.select(ScoreTables.CUSTOMER_ID.col(), ScoreTables.RISK_BAND.col().as(BAND),
                ScoreTables.PROBABILITY_60DPD_90D.col().as(PROBABILITY), ScoreTables.EXPOSURE.col().as(EXPOSURE),
                ScoreTables.CURRENCY.col().as(CURRENCY));
    }

    /**
     * @param now         {@link #ofInvoices} or {@link #ofCustomers} of this run
     * @param before      the same of the previous run
     * @param names       customer_id and name
     * @param probability what the probability is of, in words ("paying late")
     * @return rows of {@link AlertsTables#ALERTS}: one per customer whose band rose, {@value AlertsTables#HIGH} when
     *         it is now high, else {@value AlertsTables#MEDIUM}
     */
    public static Dataset<Row> of(Dataset<Row> now, Dataset<Row> before, Dataset<Row> names, String probability,
            LocalDate asOf, LocalDate previousAsOf) {
        Dataset<Row> earlier = before.select(col("customer_id").as("b_id"), col(BAND).as("b_band"),
                col(PROBABILITY).as("b_probability"));
        Dataset<Row> rose = now.join(earlier, col("customer_id").equalTo(col("b_id")))
                .filter(rank(col(BAND)).gt(rank(col("b_band"))))
                .join(names.select(col("customer_id").as("n_id"), col("name")),
                        col("customer_id").equalTo(col("n_id")), "left");
        Column open = when(col(EXPOSURE).gt(0), concat(AlertText.money(col(EXPOSURE), col(CURRENCY)), lit(" open")))
                .otherwise(lit("nothing open"));
        return AlertsTables.ALERTS.conform(rose.select(
                lit(AlertsTables.RISK_BAND_ROSE).as(AlertsTables.KIND.name()),
                when(col(BAND).equalTo("high"), lit(AlertsTables.HIGH)).otherwise(lit(AlertsTables.MEDIUM))
                        .as(AlertsTables.SEVERITY.name()),
                col("customer_id").as(AlertsTables.SUBJECT_ID.name()),
                col("name").as(AlertsTables.SUBJECT_NAME.name()),
                concat(lit("risk band rose from "), col("b_band"), lit(" to "), col(BAND), lit(" since "),
                        lit(previousAsOf.toString()), lit(" (probability of " + probability + " "),
                        AlertText.percent(col("b_probability")), lit(" then, "), AlertText.percent(col(PROBABILITY)),
                        lit(" now); "), open).as(AlertsTables.CHANGE.name()),
                lit(asOf).as(AlertsTables.AS_OF.name()),
                lit(previousAsOf).as(AlertsTables.PREVIOUS_AS_OF.name()),
                col(PROBABILITY).as(AlertsTables.CURRENT_VALUE.name()),
                col("b_probability").as(AlertsTables.PREVIOUS_VALUE.name()),
                col(EXPOSURE).as(AlertsTables.AMOUNT.name()), col(CURRENCY).as(AlertsTables.CURRENCY.name())));
    }

    /** low 0, medium 1, high 2. */
    private static Column rank(Column band) {
        return when(band.equalTo("high"), 2).when(band.equalTo("medium"), 1).otherwise(0);
    }

    private static Column band(Column rank) {
        return when(rank.equalTo(2), lit("high")).when(rank.equalTo(1), lit("medium")).otherwise(lit("low"));
    }
}
