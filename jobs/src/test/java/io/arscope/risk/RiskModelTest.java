package io.arscope.risk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.job.JobContext;
import io.arscope.ledger.AgingBuckets;
import io.arscope.ledger.ReceivablesLedger;
import io.arscope.metrics.CoreBalances;
import io.arscope.samples.GeneratorConfig;
import io.arscope.testing.GeneratedLedger;
import io.arscope.testing.TestSpark;

/** Training, reloading, scoring and refusing, on a generated history with real signal. */
@Tag("integration")
class RiskModelTest {

    private static final GeneratorConfig HISTORY = GeneratorConfig.of(11, 6000, LocalDate.of(2024, 1, 1), 24);

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static RiskTrainer.Result first;

    @BeforeAll
    static void train() throws Exception {
        spark = TestSpark.session();
        GeneratedLedger.write(spark, HISTORY, dir.resolve("data"));
        first = TrainJob.train(JobContext.of(spark, new TrainOptions(dir.resolve("data").toString(), dir.resolve("model"), null, RiskConfig.DEFAULT,
                null)));
    }

    @Test
    void theModelBeatsTheBaselineOnNewerInvoices() {
        assertTrue(first.test().rocAuc() > first.baseline().rocAuc(),
                "model " + first.test().rocAuc() + " vs baseline " + first.baseline().rocAuc());
        assertTrue(first.test().rocAuc() > 0.7, "AUC " + first.test().rocAuc());
        // Time-ordered: every test invoice is newer than every training invoice.
        assertTrue(!first.testSet().dates().get(0).isBefore(first.train().dates().get(first.train().size() - 1)));
        assertEquals(first.train().size() + first.validation().size() + first.testSet().size(),
                first.train().size() * 100 / 70, 2);
    }

    @Test
    void sameDataAndSeedGiveTheSameModelAndScores() throws Exception {
        RiskTrainer.Result again = TrainJob.train(JobContext.of(spark, new TrainOptions(dir.resolve("data").toString(), dir.resolve("model2"), null,
                RiskConfig.DEFAULT, null)));
        assertEquals(first.chosen(), again.chosen());
        assertArrayEquals(first.model().probabilities(first.testSet().features()),
                again.model().probabilities(first.testSet().features()));
        assertEquals(first.train().fingerprint(), again.train().fingerprint());
        ModelDirectory.Loaded loaded = ModelDirectory.load(dir.resolve("model"));
        assertArrayEquals(first.model().probabilities(first.testSet().features()),
                loaded.model().probabilities(first.testSet().features()));
        assertEquals(first.train().fingerprint(), loaded.metadata().trainingDataSha256());
        assertTrue(Files.exists(dir.resolve("model").resolve(ModelDirectory.PROVENANCE)));
    }

    @Test
    void scoringCoversEveryOpenInvoiceWithReasonsInWords() throws Exception {
        long n = ScoreJob.score(JobContext.of(spark, new ScoreOptions(dir.resolve("data").toString(), dir.resolve("model"), null,
                dir.resolve("scores").toString()))).rows();
        ReceivablesLedger ledger = ReceivablesLedger.read(spark, dir.resolve("data/canonical").toString());
        LocalDate asOf = ledger.latestDate();
        long open = CoreBalances.aging(ledger, asOf, AgingBuckets.DEFAULT).size() == 0 ? 0
                : io.arscope.metrics.OpenItems.byInvoice(io.arscope.ledger.InvoiceHistory.of(ledger.asOf(asOf),
                        List.of()), asOf, AgingBuckets.DEFAULT, List.of()).count();
        assertEquals(open, n);
        List<Row> top = spark.read().parquet(dir.resolve("scores").resolve(ScoreTables.SCORES.name()).toString())
                .orderBy(org.apache.spark.sql.functions.col("probability_late").desc()).limit(20).collectAsList();
        for (Row r : top) {
            double p = r.getAs("probability_late");
            assertEquals(RiskConfig.DEFAULT.band(p), r.getAs("risk_band"));
            assertTrue(r.getAs("reason_1") != null, "no reason for " + r);
        }
    }

    @Test
    void customerScoresComeFromTheSameModelDirectoryAndAddUpToTheInvoices() throws Exception {
        assertTrue(Files.exists(dir.resolve("model").resolve(CustomerRiskModel.METADATA)));
        ScoreJob.Scored s = ScoreJob.score(JobContext.of(spark, new ScoreOptions(dir.resolve("data").toString(),
                dir.resolve("model"), null, dir.resolve("customer-scores").toString())));
        Path out = dir.resolve("customer-scores");
        List<Row> customers = ScoreTables.CUSTOMER_SCORES.read(spark, out.toString()).collectAsList();
        assertEquals(customers.size(), s.customers());
        // Each customer's exposure is the sum of its open invoices' open amounts in the invoice scores.
        Map<String, java.math.BigDecimal> open = new java.util.TreeMap<>();
        for (Row r : ScoreTables.SCORES.read(spark, out.toString()).collectAsList()) {
            open.merge(ScoreTables.CUSTOMER_ID.of(r), ScoreTables.OPEN_AMOUNT.of(r), java.math.BigDecimal::add);
        }
        Map<String, java.math.BigDecimal> exposure = new java.util.TreeMap<>();
        for (Row r : customers) {
            double p = ScoreTables.PROBABILITY_60DPD_90D.of(r);
            assertEquals(CustomerRiskModel.band(p), ScoreTables.RISK_BAND.of(r));
            // A customer 60 days past due tonight is more than 60 tomorrow unless it pays: a fact, not a forecast.
            Integer pastDue = ScoreTables.MAX_DAYS_PAST_DUE.of(r);
            if (pastDue != null && pastDue >= 60) {
                assertEquals(1.0, p, r.toString());
                assertEquals("has an invoice " + pastDue + " days past due already: more than 60 days unless it is "
                        + "paid in full tomorrow", ScoreTables.REASON_1.of(r));
            }
            if (ScoreTables.EXPOSURE.of(r).signum() > 0) {
                exposure.put(ScoreTables.CUSTOMER_ID.of(r), ScoreTables.EXPOSURE.of(r));
            }
            java.math.BigDecimal suggested = ScoreTables.SUGGESTED_CREDIT_LIMIT.of(r);
            assertTrue(suggested == null || suggested.signum() > 0, "a suggestion of 0: " + r);
            assertTrue(suggested == null || !"low".equals(ScoreTables.RISK_BAND.of(r))
                    || suggested.compareTo(ScoreTables.EXPOSURE.of(r)) >= 0, "a low-band customer cut below what it "
                    + "owes: " + r);
            assertTrue(!ScoreTables.CREDIT_LIMIT_BASIS.of(r).isEmpty(), "no basis: " + r);
        }
        assertEquals(open, exposure);
    }

    @Test
    void anOldModelDirectoryScoresInvoicesAndSaysCustomerScoresAreAbsent() throws Exception {
        Path old = dir.resolve("old-model");
        Files.createDirectories(old);
        try (var files = Files.list(dir.resolve("model"))) {
            for (Path f : files.filter(f -> !f.getFileName().toString().startsWith("customer-risk")).toList()) {
                Files.copy(f, old.resolve(f.getFileName()));
            }
        }
        JobContext<ScoreOptions> context = JobContext.of(spark, new ScoreOptions(dir.resolve("data").toString(), old,
                null, dir.resolve("old-scores").toString()));
        var outcome = new ScoreJob().run(context);
        assertTrue(outcome.summary().endsWith("; no customer model in " + old + " (trained before customer scores; "
                + "retrain with arscope train): customer scores absent"), outcome.summary());
        assertTrue(Files.isDirectory(dir.resolve("old-scores").resolve(ScoreTables.SCORES.name())));
        assertTrue(!Files.exists(dir.resolve("old-scores").resolve(ScoreTables.CUSTOMER_SCORES.name())));
        assertTrue(Files.readString(dir.resolve("old-scores").resolve(ScoreTables.MANIFEST))
                .contains("\"customer_scores\" : null"));
        // Trained, but the customer model was refused: score and its manifest say why, not "retrain".
        // Given through a link, as models/current is: the manifest names the directory the link led to.
        CustomerRiskModel.saveRefusal(old, "every training customer had the same outcome: nothing to learn");
        Path current = Files.createSymbolicLink(dir.resolve("current"), old.getFileName());
        var refused = new ScoreJob().run(JobContext.of(spark, new ScoreOptions(dir.resolve("data").toString(),
                current, null, dir.resolve("refused-scores").toString())));
        assertTrue(refused.summary().endsWith("; no customer model in " + current + " (not trained: every training "
                + "customer had the same outcome: nothing to learn): customer scores absent"), refused.summary());
        String manifest = Files.readString(dir.resolve("refused-scores").resolve(ScoreTables.MANIFEST));
        assertTrue(manifest.contains("\"customer_scores_absent\" : \"not trained: every training customer had the "
                + "same outcome: nothing to learn\""), manifest);
        assertTrue(manifest.contains("\"model\" : \"" + old.toRealPath() + "\""), manifest);
    }

    @Test
    void aFeatureBeyondEveryTrainingInvoicesIsScoredAsTheGreatestSeenAndNamed() {
        RiskModel model = first.model();
        double greatest = model.standardizer().meanAndScale().get("log_amount")[3];
        Map<String, Double> atEdge = new java.util.HashMap<>(first.testSet().features().get(0));
        atEdge.put("log_amount", greatest);
        // e^20 times the largest training amount: held at the largest, so scored exactly as that invoice is.
        Map<String, Double> beyond = new java.util.HashMap<>(atEdge);
        beyond.put("log_amount", greatest + 20);
        List<RiskModel.Score> scores = model.score(List.of(atEdge, beyond), null);
        assertEquals(scores.get(0).probability(), scores.get(1).probability());
        assertEquals(scores.get(0).daysLateWhenLate(), scores.get(1).daysLateWhenLate());
        assertTrue(!scores.get(0).beyondTraining().contains("log_amount"), scores.get(0).toString());
        List<String> named = new java.util.ArrayList<>(scores.get(0).beyondTraining());
        named.add("log_amount");
        named.sort(null);
        assertEquals(named, scores.get(1).beyondTraining());
    }

    /**
     * The drift reference is the model's scores of the invoices open at the end of the day it was trained as of, so
     * that a score run on that day finds no shift at all (a reference of validation invoices on their issue dates made
     * the first run after training report a significant one).
     */
    @Test
    void theDriftReferenceIsTheOpenBookOnTheModelsDaySoThatDaysScoresShowNoShift() throws Exception {
        ScoreReference reference = ScoreReference.read(dir.resolve("model")).orElseThrow();
        ReceivablesLedger ledger = ReceivablesLedger.read(spark, dir.resolve("data/canonical").toString());
        LocalDate day = ledger.latestDate();
        assertEquals(day.toString(), reference.openOn());
        ModelDirectory.Loaded loaded = ModelDirectory.load(dir.resolve("model"));
        var activity = io.arscope.activity.CollectionActivity.ofIngest(spark, dir.resolve("data").toString());
        double[] today = RiskScoring.score(spark, RiskScoring.openFeatures(CustomerHistory.of(ledger.asOf(day),
                activity, day), loaded), loaded.model(), null).select("probability_late").collectAsList().stream()
                .mapToDouble(r -> r.getDouble(0)).toArray();
        assertEquals(reference.invoices(), today.length);
        assertEquals(0.0, io.arscope.alerts.ScoreDrift.psi(reference.shares(),
                ScoreReference.counts(reference.edges(), today)), 1e-12);
    }

    @Test
    void aModelTrainedBeforeTrainingRangesWereRecordedIsRefusedWithWhatToDo() throws Exception {
        Path old = dir.resolve("rangeless-model");
        Files.createDirectories(old);
        try (var files = Files.list(dir.resolve("model"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, old.resolve(f.getFileName()));
            }
        }
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var meta = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(old.resolve(ModelDirectory.METADATA)
                .toFile());
        var standardizer = (com.fasterxml.jackson.databind.node.ObjectNode) meta.get("standardizer");
        standardizer.fieldNames().forEachRemaining(name -> {
            var entry = (com.fasterxml.jackson.databind.node.ArrayNode) standardizer.get(name);
            entry.remove(3);
            entry.remove(2);
        });
        json.writeValue(old.resolve(ModelDirectory.METADATA).toFile(), meta);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelDirectory.load(old));
        assertEquals("model " + old + " records no training range for its features (trained by an Arscope before "
                + "2026-12-06), so its scores cannot be held within what it learnt from; retrain it", e.getMessage());
    }

    @Test
    void aModelRefusesDataWithoutItsFeatures() throws Exception {
        ModelDirectory.Loaded loaded = ModelDirectory.load(dir.resolve("model"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelDirectory.checkFeatures(loaded.metadata(), List.of(Map.of("something_else", 1.0))));
        assertTrue(e.getMessage().startsWith("the model expects features [billing_channel, business_unit, currency,"),
                e.getMessage());
        Files.writeString(dir.resolve("not-a-model.txt"), "x");
        assertThrows(java.io.IOException.class, () -> ModelDirectory.load(dir.resolve("nowhere")));
    }

    @Test
    void plattScalingRecoversAKnownDistortion() {
        // Outcomes drawn exactly at the true rate sigmoid(2 logit(p) - 0.5), by stratifying each score's outcomes.
        int per = 1000;
        double[] scores = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
        double[] p = new double[scores.length * per];
        boolean[] late = new boolean[p.length];
        for (int s = 0; s < scores.length; s++) {
            double truth = 1 / (1 + Math.exp(-(2 * Platt.logit(scores[s]) - 0.5)));
            for (int i = 0; i < per; i++) {
                p[s * per + i] = scores[s];
                late[s * per + i] = i < Math.round(truth * per);
            }
        }
        double[] ab = Platt.fit(p, late);
        assertEquals(2.0, ab[0], 0.02);
        assertEquals(-0.5, ab[1], 0.02);
    }
}
