package io.arscope.risk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.oracle.labs.mlrg.olcut.config.json.JsonProvenanceSerialization;

import io.arscope.run.RunManifest;

/**
 * A model directory: the Tribuo models with their own provenance, and {@code model.json} with ours: features and
 * their version, training window, a fingerprint of the training data, configuration, calibration and the test
 * evaluation beside the baseline. Everything scoring needs to refuse data the model was not made for.
 */
public final class ModelDirectory {

    public static final String METADATA = "model.json";
    public static final String PROVENANCE = "provenance.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** What {@link #load} returns. */
    public record Loaded(RiskModel model, JsonNode metadata) {
    }

    private ModelDirectory() {
    }

    public static void save(Path dir, RiskTrainer.Result result, LocalDate labelAsOf, String input)
            throws IOException {
        result.model().save(dir);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("arscope_version", RunManifest.version());
        m.put("feature_version", RiskFeatures.VERSION);
        m.put("features", result.model().featureNames());
        m.put("base_features", baseFeatures(result.model().featureNames()));
        m.put("input", input);
        m.put("labels_as_of", labelAsOf.toString());
        m.put("config", result.model().config());
        m.put("train", window(result.train()));
        m.put("validation", window(result.validation()));
        m.put("test", window(result.testSet()));
        m.put("training_data_sha256", result.train().fingerprint());
        m.put("chosen", result.chosen());
        m.put("validation_roc_auc", result.validationAuc());
        m.put("calibrated", result.calibrated());
        m.put("platt", result.model().platt());
        m.put("standardizer", result.model().standardizer().meanAndScale());
        m.put("test_evaluation", result.test());
        m.put("test_baseline_customer_late_share", result.baseline());
        m.put("test_days_late_mae", result.testDaysLateMae());
        Files.writeString(dir.resolve(METADATA), JSON.writeValueAsString(m));
        Files.writeString(dir.resolve(PROVENANCE), new JsonProvenanceSerialization(true)
                .marshalAndSerialize(result.model().classifier().getProvenance()));
    }

    private static Map<String, Object> window(LabelledInvoices rows) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("invoices", rows.size());
        w.put("from", rows.dates().get(0).toString());
        w.put("to", rows.dates().get(rows.size() - 1).toString());
        w.put("late_share", rows.lateShare());
        return w;
    }

    /** Feature names without one-hot levels: what any data of the same feature version provides. */
    static List<String> baseFeatures(List<String> names) {
        TreeSet<String> base = new TreeSet<>();
        names.forEach(n -> base.add(n.contains("=") ? n.substring(0, n.indexOf('=')) : n));
        return new ArrayList<>(base);
    }

    /** What a model directory's model.json says it was trained on, as a run's manifest records it. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    @com.fasterxml.jackson.databind.annotation.JsonNaming(
            com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Trained(String labelsAsOf, String chosen, String trainingDataSha256, String arscopeVersion) {
    }

    public static Trained trained(Path dir) throws IOException {
        return JSON.readValue(dir.resolve(METADATA).toFile(), Trained.class);
    }

    public static Loaded load(Path dir) throws IOException {
        Path meta = dir.resolve(METADATA);
        if (!Files.exists(meta)) {
            throw new IOException(dir + " is not a model directory: it has no " + METADATA
                    + " (train one with arscope train)");
        }
        JsonNode m = JSON.readTree(Files.readString(meta));
        int version = m.path("feature_version").asInt(-1);
        if (version != RiskFeatures.VERSION) {
            throw new IllegalArgumentException("model " + dir + " was trained on feature version " + version
                    + " but this Arscope computes version " + RiskFeatures.VERSION + "; retrain it");
        }
        RiskConfig config = JSON.treeToValue(m.get("config"), RiskConfig.class);
        double[] platt = m.path("platt").isArray()
                ? new double[] {m.get("platt").get(0).asDouble(), m.get("platt").get(1).asDouble()} : null;
        Map<String, double[]> scales = new java.util.TreeMap<>();
        m.path("standardizer").fields().forEachRemaining(e -> scales.put(e.getKey(),
                new double[] {e.getValue().get(0).asDouble(), e.getValue().get(1).asDouble()}));
        return new Loaded(RiskModel.load(dir, platt, new Standardizer(scales), config), m);
    }

    /**
     * Fails with a clear message when the data lacks features the model learned from (a model made for another
     * export or another feature definition).
     */
    public static void checkFeatures(JsonNode metadata, List<Map<String, Double>> sample) {
        TreeSet<String> seen = new TreeSet<>();
        sample.forEach(f -> seen.addAll(baseFeatures(new ArrayList<>(f.keySet()))));
        List<String> missing = new ArrayList<>();
        metadata.path("base_features").forEach(n -> {
            if (!seen.contains(n.asText())) {
                missing.add(n.asText());
            }
        });
        // Optional history features appear only for customers with history; the core ones are always there.
        missing.removeIf(n -> n.startsWith("hist_") || n.equals("days_since_last_payment") || n.equals("credit_use")
                || n.equals("amount_vs_usual") || n.equals("no_history") || n.equals("no_payment_yet"));
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the model expects features " + missing
                    + " that this data does not provide; it was trained on other data (see model.json)");
        }
    }
}
