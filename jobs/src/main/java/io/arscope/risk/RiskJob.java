package io.arscope.risk;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import io.arscope.metrics.ReceivablesLedger;
import io.arscope.run.OutputFiles;
import io.arscope.run.RunManifest;

/** The risk jobs behind {@code arscope train}, {@code evaluate} and {@code score}: I/O around the pure parts. */
public final class RiskJob {

    public static final String SCORES = "scores";
    public static final String MANIFEST = "score-run.json";

    private RiskJob() {
    }

    /** The canonical tables an ingest run wrote under {@code input}. */
    public static ReceivablesLedger ledger(SparkSession spark, String input) {
        return ReceivablesLedger.read(spark, OutputFiles.child(input, "canonical"));
    }

    /** The given day, else the latest date in the data. */
    public static LocalDate asOf(ReceivablesLedger ledger, LocalDate asOf) {
        LocalDate date = asOf != null ? asOf : ledger.latestDate();
        if (date == null) {
            throw new IllegalArgumentException("the canonical invoices are empty");
        }
        return date;
    }

    /** Trains on an ingest run's output and writes the model directory. */
    public static RiskTrainer.Result train(SparkSession spark, String input, Path modelDir, LocalDate asOf,
            RiskConfig config) throws IOException {
        ReceivablesLedger ledger = ledger(spark, input);
        LocalDate labelsAsOf = asOf(ledger, asOf);
        LabelledInvoices all = LabelledInvoices.collect(RiskFeatures.atIssue(ledger, labelsAsOf, config.graceDays()));
        RiskTrainer.Result result = RiskTrainer.train(all, config);
        ModelDirectory.save(modelDir, result, labelsAsOf, input);
        return result;
    }

    /** The model on invoices issued from {@code from} whose outcome is known at the as-of date, beside the baseline. */
    public static Evaluation[] evaluate(SparkSession spark, String input, Path modelDir, LocalDate asOf,
            LocalDate from) throws IOException {
        ModelDirectory.Loaded loaded = ModelDirectory.load(modelDir);
        ReceivablesLedger ledger = ledger(spark, input);
        LocalDate labelsAsOf = asOf(ledger, asOf);
        LocalDate start = from != null ? from : LocalDate.parse(loaded.metadata().path("test").path("from").asText());
        LabelledInvoices rows = LabelledInvoices.collect(RiskFeatures.atIssue(ledger, labelsAsOf,
                loaded.model().config().graceDays()).filter(col("invoice_date").geq(start)));
        if (rows.size() == 0) {
            throw new IllegalArgumentException("no invoice issued from " + start + " has a known outcome by "
                    + labelsAsOf);
        }
        ModelDirectory.checkFeatures(loaded.metadata(), rows.features().subList(0, Math.min(1000, rows.size())));
        double fallback = loaded.metadata().path("train").path("late_share").asDouble();
        return new Evaluation[] {Evaluation.of(loaded.model().probabilities(rows.features()), rows.late(),
                rows.amounts()), Evaluation.of(rows.baseline(fallback), rows.late(), rows.amounts())};
    }

    /**
     * The invoices open at the end of {@code day}, scored with features known on that day; refuses a model whose
     * features the data does not provide.
     */
    public static Dataset<Row> scoreOpen(SparkSession spark, ReceivablesLedger ledger, ModelDirectory.Loaded loaded,
            LocalDate day) {
        Dataset<Row> features = RiskFeatures.openOn(ledger, day, loaded.model().config().graceDays()).localCheckpoint();
        List<Map<String, Double>> sample = features.limit(1000).collectAsList().stream()
                .map(r -> r.<String, Double>getJavaMap(r.fieldIndex("features"))).toList();
        if (!sample.isEmpty()) {
            ModelDirectory.checkFeatures(loaded.metadata(), sample);
        }
        return RiskScoring.score(spark, features, loaded.model());
    }

    /** Scores the invoices open at the as-of date; writes scores (Parquet and CSV) and a run manifest. */
    public static long score(SparkSession spark, String input, Path modelDir, LocalDate asOf, String output)
            throws IOException {
        Instant started = Instant.now();
        ModelDirectory.Loaded loaded = ModelDirectory.load(modelDir);
        ReceivablesLedger ledger = ledger(spark, input);
        LocalDate day = asOf(ledger, asOf);
        Dataset<Row> scores = scoreOpen(spark, ledger, loaded, day)
                .orderBy(col("probability_late").desc(), col("invoice_id")).localCheckpoint();
        OutputFiles.writeTable(spark, scores, output, SCORES);
        long n = scores.count();
        RunManifest manifest = new RunManifest("score", started);
        manifest.option("input", input);
        manifest.option("model", modelDir.toString());
        manifest.option("model_training_data_sha256", loaded.metadata().path("training_data_sha256").asText());
        manifest.option("as_of", day.toString());
        manifest.output(SCORES, n);
        manifest.status("passed");
        OutputFiles.writeText(spark, OutputFiles.child(output, MANIFEST), manifest.finish().toJson());
        return n;
    }
}
