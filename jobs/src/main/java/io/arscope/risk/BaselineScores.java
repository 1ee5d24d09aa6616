package io.arscope.risk;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.format_number;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The scores a refused model falls back to ({@link ModelGate}): each open invoice's probability of paying late is
 * its customer's own past late share (the training window's late share for a customer without a known outcome
 * yet), rounded as the model's are; its band follows from that, and its one reason says so, naming the late share
 * as the feature behind it. The expected days late are the model's days late when late (its days-late regression,
 * which the gate does not judge) times the baseline's probability.
 */
public final class BaselineScores {

    /** The features its one reason rests on, as {@link ScoreTables#REASON_FEATURES} names them. */
    static final String LATE_SHARE = "hist_late_share";
    static final String NO_HISTORY = "no_history";
    /** How every baseline reason starts: what ranks the invoice, and why not the model. */
    public static final String RANKED = "ranked by its own record (the model was refused): ";
    /** Below this many earlier invoices, a reason says how few its share rests on: 100% of 2 is not 100% of 40. */
    static final int FEW_INVOICES = 5;

    private BaselineScores() {
    }

    /**
     * The model's scores with probability, band and reasons replaced by the baseline's.
     *
     * @param scores    rows of {@link ScoreTables#SCORES}
     * @param features  the same invoices' features ({@link RiskFeatures#SCHEMA}), for the customer's late share
     * @param portfolio the late share of the model's training window, for customers without history
     */
    public static Dataset<Row> of(Dataset<Row> scores, Dataset<Row> features, double portfolio, RiskConfig config) {
        Column history = col("features").getItem("hist_late_share");
        Dataset<Row> shares = features.select(col("invoice_id").as("baseline_invoice_id"), history.as("late_share"),
                col("features").getItem("hist_invoices").as("earlier_invoices"));
        Column share = col("late_share");
        Column earlier = col("earlier_invoices");
        Column few = when(earlier.lt(FEW_INVOICES), concat(lit("; it has only "),
                earlier.cast("int").cast("string"), when(earlier.equalTo(1), lit(" earlier invoice"))
                        .otherwise(lit(" earlier invoices")))).otherwise(lit(""));
        // Rounded as the model's probabilities are stored, and the band taken from the rounded value as theirs is.
        Column p = round(coalesce(share, lit(portfolio)), ScoreTables.PROBABILITY_DECIMALS);
        // "Late" as the share counts it: paid late, or still unpaid past its due date.
        Column reason = when(share.isNull(), lit(RANKED + "no earlier invoice with a known outcome, so the "
                + "portfolio's " + Math.round(100 * portfolio) + "% late"))
                .when(share.equalTo(0), concat(lit(RANKED + "none of its earlier invoices was late"), few))
                .otherwise(concat(lit(RANKED), format_number(share.multiply(100), 0),
                        lit("% of its earlier invoices were late (paid late, or unpaid past due)"), few));
        Dataset<Row> joined = scores.join(shares, col(ScoreTables.INVOICE_ID.name()).equalTo(
                col("baseline_invoice_id")), "left");
        // The model's days late when late (its expected days late over its probability), at the baseline's
        // probability: a worklist reads the days late when late back as expected days late over probability.
        Column modelP = ScoreTables.PROBABILITY_LATE.col();
        Column expected = ScoreTables.EXPECTED_DAYS_LATE.col();
        Dataset<Row> replaced = joined
                .withColumn(ScoreTables.EXPECTED_DAYS_LATE.name(), when(modelP.gt(0),
                        expected.divide(modelP).multiply(p)).otherwise(expected))
                .withColumn(ScoreTables.PROBABILITY_LATE.name(), p)
                .withColumn(ScoreTables.RISK_BAND.name(), when(p.geq(config.highBand()), lit("high"))
                        .when(p.geq(config.mediumBand()), lit("medium")).otherwise(lit("low")))
                .withColumn(ScoreTables.REASON_1.name(), reason)
                .withColumn(ScoreTables.REASON_2.name(), lit(null).cast(DataTypes.StringType))
                .withColumn(ScoreTables.REASON_3.name(), lit(null).cast(DataTypes.StringType))
                // The refused model's features are not why this invoice ranks where it does: the worklist would
                // rewrite its customers' reasons from them.
                .withColumn(ScoreTables.REASON_FEATURES.name(), when(share.isNull(), lit(NO_HISTORY))
                        .otherwise(lit(LATE_SHARE)))
                // Nor is what the refused model made of features beyond its training range.
                .withColumn(ScoreTables.BEYOND_TRAINING.name(), lit(null).cast(DataTypes.StringType));
        return ScoreTables.SCORES.conform(replaced.select(ScoreTables.SCORES.columns().stream()
                .map(io.arscope.job.Column::col).toArray(Column[]::new)));
    }
}
