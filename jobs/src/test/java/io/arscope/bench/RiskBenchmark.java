package io.arscope.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import io.arscope.ledger.ReceivablesLedger;
import io.arscope.risk.ComparisonTable;
import io.arscope.risk.Evaluation;
import io.arscope.risk.LabelledInvoices;
import io.arscope.risk.RiskConfig;
import io.arscope.risk.RiskFeatures;
import io.arscope.risk.RiskModel;
import io.arscope.risk.RiskScoring;
import io.arscope.risk.RiskTrainer;
import io.arscope.run.SparkSessions;
import io.arscope.samples.GeneratorConfig;
import io.arscope.samples.HistoryGenerator;
import io.arscope.testing.GeneratedLedger;

/**
 * Benchmark harness (not a test) for the risk model on a generated history: feature and training time, test AUC
 * and calibration against the generator's true probabilities, and scoring throughput in Spark beside Tribuo's
 * own batch rate on the same rows outside Spark. Arguments: work folder, invoice count (default 1000000).
 */
public final class RiskBenchmark {
    private RiskBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "/tmp/arscope-bench");
        long size = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000L;
        GeneratorConfig config = BenchHistory.config(size);
        Path dir = work.resolve("h" + size);
        SparkSession spark = SparkSessions.create("arscope-risk-benchmark", null);
        GeneratedLedger.write(spark, config, dir);
        ReceivablesLedger ledger = ReceivablesLedger.read(spark, dir.resolve("canonical").toString());

        long t0 = System.nanoTime();
        Dataset<Row> features = RiskFeatures.atIssue(ledger, config.exportDate(), 0).localCheckpoint();
        long featureRows = features.count();
        double featureSeconds = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        LabelledInvoices all = LabelledInvoices.collect(features);
        double collectSeconds = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        RiskTrainer.Result result = RiskTrainer.train(all, RiskConfig.DEFAULT);
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("features: %,d invoices in %.1f s; collect %,d labelled in %.1f s; train (search of %d "
                + "LR and XGBoost points + days-late) in %.1f s%n", featureRows, featureSeconds, all.size(),
                collectSeconds, result.search().size(), trainSeconds);
        ComparisonTable.lines(result).forEach(System.out::println);
        print("test, model", result.test());
        print("test, baseline", result.baseline());

        // Calibration against the generator's own probabilities, on the test invoices.
        Map<String, Double> truth = new HashMap<>();
        try (var lines = Files.lines(dir.resolve("csv").resolve(HistoryGenerator.TRUTH_FILE))) {
            lines.skip(1).forEach(l -> {
                String[] f = l.split(",", -1);
                truth.put(f[0], Double.parseDouble(f[1]));
            });
        }
        double[] p = result.model().probabilities(result.testSet().features());
        double[] t = new double[p.length];
        double absDiff = 0;
        for (int i = 0; i < p.length; i++) {
            t[i] = truth.get(result.testSet().ids().get(i));
            absDiff += Math.abs(p[i] - t[i]);
        }
        Evaluation oracle = Evaluation.of(t, result.testSet().late(), result.testSet().amounts());
        print("test, generator's truth", oracle);
        System.out.printf("mean |model p - true p| = %.4f%n", absDiff / p.length);
        Evaluation byTruth = Evaluation.of(p, result.testSet().late(), result.testSet().amounts());
        for (Evaluation.Decile d : byTruth.calibration()) {
            System.out.printf("  decile %2d: predicted %.3f observed %.3f%n", d.decile(), d.meanPredicted(),
                    d.observedLate());
        }

        // Scoring throughput on the same rows: in Spark (local[*], 2 cores), and by Tribuo alone outside Spark in batches
        // of the same size, on one thread and on two threads (one per core, as Spark's two tasks run). In turns,
        // three times each, the best of each kept: a single pass moved by a factor of 2 with the JIT's state.
        RiskModel model = result.model();
        RiskScoring.score(spark, features.limit(20_000), model, null).count();
        List<Map<String, Double>> sample = new ArrayList<>();
        features.limit(200_000).collectAsList().forEach(r -> sample.add(r.getJavaMap(r.fieldIndex("features"))));
        double sparkRate = 0;
        double oneThread = 0;
        double twoThreads = 0;
        long scored = 0;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        for (int pass = 1; pass <= 3; pass++) {
            t0 = System.nanoTime();
            scored = RiskScoring.score(spark, features, model, null).count();
            double sparkSeconds = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            scoreAlone(model, sample, 0, 1);
            double oneSeconds = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            List<Future<?>> halves = List.of(pool.submit(() -> scoreAlone(model, sample, 0, 2)),
                    pool.submit(() -> scoreAlone(model, sample, 1, 2)));
            for (Future<?> half : halves) {
                half.get();
            }
            double twoSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("scoring pass %d: Spark %,d invoices in %.1f s = %,.0f/s on 2 cores; Tribuo alone %,d in "
                    + "%.1f s = %,.0f/s on one thread, in %.1f s = %,.0f/s on two%n", pass, scored, sparkSeconds,
                    scored / sparkSeconds, sample.size(), oneSeconds, sample.size() / oneSeconds, twoSeconds,
                    sample.size() / twoSeconds);
            sparkRate = Math.max(sparkRate, scored / sparkSeconds);
            oneThread = Math.max(oneThread, sample.size() / oneSeconds);
            twoThreads = Math.max(twoThreads, sample.size() / twoSeconds);
        }
        pool.shutdown();
        System.out.printf("scoring (best of 3, batches of %d, reasons included): Spark %,d invoices at %,.0f/s on 2 "
                + "cores; Tribuo alone %,.0f/s on two threads (%,.0f/s on one, so two threads give %.2fx); ratio to "
                + "Tribuo on two threads %.2f (to twice its one-thread rate %.2f)%n", RiskScoring.BATCH, scored,
                sparkRate, twoThreads, oneThread, twoThreads / oneThread, sparkRate / twoThreads,
                sparkRate / (2 * oneThread));
        spark.stop();
    }

    /** Scores every {@code of}-th batch of {@code sample}, starting with batch {@code first}, as Spark's tasks do. */
    private static void scoreAlone(RiskModel model, List<Map<String, Double>> sample, int first, int of) {
        for (int i = first * RiskScoring.BATCH; i < sample.size(); i += of * RiskScoring.BATCH) {
            model.score(sample.subList(i, Math.min(sample.size(), i + RiskScoring.BATCH)), null);
        }
    }

    private static void print(String what, Evaluation e) {
        System.out.printf("%-26s n=%,d late %.1f%% ROC AUC %.3f PR AUC %.3f Brier %.4f ECE %.4f top10%% %.1f%% "
                + "top20%% %.1f%%%n", what, e.rows(), 100 * e.lateShare(), e.rocAuc(), e.prAuc(), e.brier(), e.ece(),
                100 * e.captureTop10(),
                100 * e.captureTop20());
    }
}
