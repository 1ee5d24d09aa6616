package io.arscope.risk;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import io.arscope.job.OutputCheckException;

/**
 * Scores feature rows across the cluster: the model is broadcast once and each partition predicts in batches,
 * since Tribuo's batch prediction is far faster than one row at a time.
 */
public final class RiskScoring {

    public static final int BATCH = 1000;

    /** The scores' schema, as {@link ScoreTables#SCORES} declares it. */
    public static final StructType SCHEMA = ScoreTables.SCORES.schema();

    private RiskScoring() {
    }

    /**
     * The invoices open at the end of {@code day}, scored with features known on that day; refuses a model whose
     * features the data does not provide.
     *
     * @param activity   the customers' collection activity, or null for none
     * @param reportedIn the reporting currency the ledger's amounts were converted into, or null for amounts as
     *                   stored, each in its invoice's currency
     */
    public static Dataset<Row> scoreOpen(SparkSession spark, io.arscope.ledger.ReceivablesLedger ledger,
            io.arscope.activity.CollectionActivity activity, ModelDirectory.Loaded loaded, LocalDate day,
            String reportedIn) {
        return score(spark, openFeatures(CustomerHistory.of(ledger, activity, day), loaded), loaded.model(),
                reportedIn);
    }

    /**
     * The features of the invoices open at the end of the history's day ({@link RiskFeatures#openOn}), computed
     * once (checkpointed, since scoring and a baseline both read them); refuses a model whose features the data does
     * not provide.
     */
    public static Dataset<Row> openFeatures(CustomerHistory history, ModelDirectory.Loaded loaded) {
        Dataset<Row> features = RiskFeatures.openOn(history, loaded.model().config().graceDays()).localCheckpoint();
        List<Map<String, Double>> sample = features.limit(1000).collectAsList().stream()
                .map(r -> r.<String, Double>getJavaMap(r.fieldIndex("features"))).toList();
        if (!sample.isEmpty()) {
            ModelDirectory.checkFeatures(loaded.metadata(), sample);
        }
        return features;
    }

    /** Scores rows of {@link RiskFeatures#SCHEMA}; amounts in {@code reportedIn}, or as stored when null. */
    public static Dataset<Row> score(SparkSession spark, Dataset<Row> features, RiskModel model, String reportedIn) {
        Broadcast<RiskModel> shared = spark.sparkContext().broadcast(model,
                scala.reflect.ClassTag$.MODULE$.apply(RiskModel.class));
        return features.mapPartitions(Batched.of(BATCH, batch -> scoreBatch(shared.value(), batch, reportedIn)),
                Encoders.row(SCHEMA));
    }

    private static List<Row> scoreBatch(RiskModel model, List<Row> batch, String reportedIn) {
        List<Map<String, Double>> features = new ArrayList<>(batch.size());
        for (Row r : batch) {
            features.add(r.getJavaMap(r.fieldIndex("features")));
        }
        List<RiskModel.Score> scores = model.score(features, reportedIn);
        List<Row> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Row r = batch.get(i);
            RiskModel.Score s = finite(r.getAs("invoice_id"), scores.get(i));
            LocalDate asOf = r.getAs("scoring_date");
            LocalDate due = r.getAs("due_date");
            List<Reasons.Reason> reasons = s.reasons();
            // The band is that of the probability as stored, so that a reader can check one against the other.
            double probability = ScoreTables.probability(s.probability());
            out.add(ScoreTables.SCORES.row().set(ScoreTables.INVOICE_ID, r.getAs("invoice_id"))
                    .set(ScoreTables.CUSTOMER_ID, r.getAs("customer_id")).set(ScoreTables.AS_OF, asOf)
                    .set(ScoreTables.INVOICE_DATE, r.getAs("invoice_date")).set(ScoreTables.DUE_DATE, due)
                    .set(ScoreTables.CURRENCY, InvoiceCurrency.of(features.get(i), reportedIn))
                    .set(ScoreTables.AMOUNT, r.getAs("amount")).set(ScoreTables.OPEN_AMOUNT, r.getAs("open_amount"))
                    .set(ScoreTables.DAYS_PAST_DUE, (int) ChronoUnit.DAYS.between(due, asOf))
                    .set(ScoreTables.PROBABILITY_LATE, probability)
                    // Of the probability as stored, so that expected days late over it is the days late when late.
                    .set(ScoreTables.EXPECTED_DAYS_LATE, probability * s.daysLateWhenLate())
                    .set(ScoreTables.RISK_BAND, model.config().band(probability))
                    .set(ScoreTables.REASON_1, reasons.get(0).words())
                    .set(ScoreTables.REASON_2, reasons.size() > 1 ? reasons.get(1).words() : null)
                    .set(ScoreTables.REASON_3, reasons.size() > 2 ? reasons.get(2).words() : null)
                    .set(ScoreTables.REASON_FEATURES, features(reasons))
                    .set(ScoreTables.BEYOND_TRAINING,
                            s.beyondTraining().isEmpty() ? null : String.join(",", s.beyondTraining()))
                    .build());
        }
        return out;
    }

    /**
     * {@code score} when its probability and expected days late are numbers; a model giving NaN or infinity fails the
     * output check of the scores naming the invoice (exit 6, nothing published), since the value would otherwise reach
     * the worklist's priority and the CSVs as "NaN".
     */
    static RiskModel.Score finite(String invoiceId, RiskModel.Score score) {
        if (!Double.isFinite(score.probability()) || !Double.isFinite(score.expectedDaysLate())) {
            throw new OutputCheckException(ScoreTables.SCORES.name(), "the model's probability_late and "
                    + "expected_days_late are numbers (retrain it with arscope train)", "invoice " + invoiceId
                    + " has " + score.probability() + " and " + score.expectedDaysLate());
        }
        return score;
    }

    /** The reasons' features as {@link ScoreTables#REASON_FEATURES} holds them; null when no feature stands out. */
    private static String features(List<Reasons.Reason> reasons) {
        List<String> named = reasons.stream().map(Reasons.Reason::feature).filter(f -> !f.isEmpty()).toList();
        return named.isEmpty() ? null : String.join(",", named);
    }
}
