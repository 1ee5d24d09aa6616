package io.arscope.risk;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Scores feature rows across the cluster: the model is broadcast once and each partition predicts in batches,
 * since Tribuo's batch prediction is far faster than one row at a time.
 */
public final class RiskScoring {

    public static final int BATCH = 1000;

    public static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("invoice_id", DataTypes.StringType, false),
            DataTypes.createStructField("customer_id", DataTypes.StringType, false),
            DataTypes.createStructField("as_of", DataTypes.DateType, false),
            DataTypes.createStructField("invoice_date", DataTypes.DateType, false),
            DataTypes.createStructField("due_date", DataTypes.DateType, false),
            DataTypes.createStructField("amount", DataTypes.createDecimalType(18, 2), false),
            DataTypes.createStructField("open_amount", DataTypes.createDecimalType(18, 2), false),
            DataTypes.createStructField("days_past_due", DataTypes.IntegerType, false),
            DataTypes.createStructField("probability_late", DataTypes.DoubleType, false),
            DataTypes.createStructField("expected_days_late", DataTypes.DoubleType, false),
            DataTypes.createStructField("risk_band", DataTypes.StringType, false),
            DataTypes.createStructField("reason_1", DataTypes.StringType, true),
            DataTypes.createStructField("reason_2", DataTypes.StringType, true),
            DataTypes.createStructField("reason_3", DataTypes.StringType, true)));

    private RiskScoring() {
    }

    /**
     * The invoices open at the end of {@code day}, scored with features known on that day; refuses a model whose
     * features the data does not provide.
     */
    public static Dataset<Row> scoreOpen(SparkSession spark, io.arscope.ledger.ReceivablesLedger ledger,
            ModelDirectory.Loaded loaded, LocalDate day) {
        Dataset<Row> features = RiskFeatures.openOn(ledger, day, loaded.model().config().graceDays()).localCheckpoint();
        List<Map<String, Double>> sample = features.limit(1000).collectAsList().stream()
                .map(r -> r.<String, Double>getJavaMap(r.fieldIndex("features"))).toList();
        if (!sample.isEmpty()) {
            ModelDirectory.checkFeatures(loaded.metadata(), sample);
        }
        return score(spark, features, loaded.model());
    }

    /** Scores rows of {@link RiskFeatures#SCHEMA}. */
    public static Dataset<Row> score(SparkSession spark, Dataset<Row> features, RiskModel model) {
        Broadcast<RiskModel> shared = spark.sparkContext().broadcast(model,
                scala.reflect.ClassTag$.MODULE$.apply(RiskModel.class));
        MapPartitionsFunction<Row, Row> scoreAll = rows -> new Iterator<>() {
            private Iterator<Row> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                if (!current.hasNext() && rows.hasNext()) {
                    current = scoreBatch(shared.value(), rows).iterator();
                }
                return current.hasNext();
            }

            @Override
            public Row next() {
                hasNext();
                return current.next();
            }
        };
        return features.mapPartitions(scoreAll, Encoders.row(SCHEMA));
    }

    private static List<Row> scoreBatch(RiskModel model, Iterator<Row> rows) {
        List<Row> batch = new ArrayList<>(BATCH);
        List<Map<String, Double>> features = new ArrayList<>(BATCH);
        while (rows.hasNext() && batch.size() < BATCH) {
            Row r = rows.next();
            batch.add(r);
            features.add(r.getJavaMap(r.fieldIndex("features")));
        }
        List<RiskModel.Score> scores = model.score(features);
        List<Row> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Row r = batch.get(i);
            RiskModel.Score s = scores.get(i);
            LocalDate asOf = r.getAs("scoring_date");
            LocalDate due = r.getAs("due_date");
            List<String> reasons = s.reasons();
            out.add(RowFactory.create(r.getAs("invoice_id"), r.getAs("customer_id"), asOf, r.getAs("invoice_date"), due,
                    (BigDecimal) r.getAs("amount"), (BigDecimal) r.getAs("open_amount"),
                    (int) ChronoUnit.DAYS.between(due, asOf), s.probability(), s.expectedDaysLate(), s.band(),
                    reasons.size() > 0 ? reasons.get(0) : null, reasons.size() > 1 ? reasons.get(1) : null,
                    reasons.size() > 2 ? reasons.get(2) : null));
        }
        return out;
    }
}
