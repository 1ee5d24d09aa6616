package io.arscope.risk;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;


/**
 * The invoices open on a day scored as a model may publish them: by the model when it passes its gate
 * ({@link ModelGate}), else by the baseline ({@link BaselineScores}). {@code arscope score} and {@code arscope
 * worklist --model} both score this way, so that neither ranks by a model the other would refuse.
 *
 * @param scores rows of {@link ScoreTables#SCORES}, not yet ordered; held, since every caller sorts them and a sort
 *               reads its input twice (once to sample the ranges), which would score every invoice twice
 * @param gate   the gate's decision
 */
public record GatedScores(Dataset<Row> scores, ModelGate gate) {

    /**
     * Scores the invoices open at the end of the history's day.
     *
     * @param currency the reporting currency the history's amounts are in, or null for amounts as stored
     * @param margin   how much the model must beat the baseline by ({@link ModelGate#decide})
     */
    public static GatedScores open(SparkSession spark, CustomerHistory history, ModelDirectory.Loaded loaded,
            String currency, double margin) {
        ModelMetadata meta = loaded.metadata();
        ModelGate gate = ModelGate.decide(meta, margin);
        Dataset<Row> features = RiskScoring.openFeatures(history, loaded);
        Dataset<Row> scores = RiskScoring.score(spark, features, loaded.model(), currency);
        if (!gate.passed()) {
            scores = BaselineScores.of(scores, features, meta.train().lateShare(), meta.config());
        }
        return new GatedScores(scores.localCheckpoint(), gate);
    }
}
