package io.arscope.risk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.oracle.labs.mlrg.olcut.config.json.JsonProvenanceSerialization;

import io.arscope.run.RunManifest;
import io.arscope.run.Secrets;

/**
 * A model directory: the Tribuo models with their own provenance, and {@code model.json} with ours: features and
 * their version, training window, a fingerprint of the training data, configuration, calibration and the test
 * evaluation beside the baseline. Everything scoring needs to refuse data the model was not made for.
 */
public final class ModelDirectory {

    public static final String METADATA = "model.json";
    public static final String PROVENANCE = "provenance.json";

    // Redacting: model.json names the ingest run it was trained on, which may be a URL.
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(Secrets.json());

    /** What {@link #load} returns. */
    public record Loaded(RiskModel model, ModelMetadata metadata) {
    }

    private ModelDirectory() {
    }

    public static void save(Path dir, RiskTrainer.Result result, LocalDate labelAsOf, String input,
            ScoreReference reference) throws IOException {
        result.model().save(dir);
        ModelMetadata m = new ModelMetadata(RunManifest.version(), RiskFeatures.VERSION,
                result.model().featureNames(), baseFeatures(result.model().featureNames()), input,
                labelAsOf.toString(), result.model().config(), window(result.train()), window(result.validation()),
                window(result.testSet()), result.train().fingerprint(), result.chosen(), result.validationAuc(),
                result.calibrated(), result.model().platt(), result.model().standardizer().meanAndScale(),
                result.test(), result.baseline(), result.testDaysLateMae(), result.validationModel(),
                result.validationBaseline(), result.hyperparameters(), result.search(), result.searchInvoices(),
                result.comparison());
        Files.writeString(dir.resolve(METADATA), JSON.writeValueAsString(m));
        Files.writeString(dir.resolve(PROVENANCE), new JsonProvenanceSerialization(true)
                .marshalAndSerialize(result.model().classifier().getProvenance()));
        ScoreReference.write(dir, reference);
    }

    private static ModelMetadata.Window window(LabelledInvoices rows) {
        return new ModelMetadata.Window(rows.size(), rows.dates().get(0).toString(),
                rows.dates().get(rows.size() - 1).toString(), rows.lateShare());
    }

    /** Feature names without one-hot levels: what any data of the same feature version provides. */
    static List<String> baseFeatures(List<String> names) {
        TreeSet<String> base = new TreeSet<>();
        names.forEach(n -> base.add(n.contains("=") ? n.substring(0, n.indexOf('=')) : n));
        return new ArrayList<>(base);
    }

    /**
     * The directory {@code dir} leads to now, links followed: a model given as {@code models/current}, which each
     * monthly training repoints, is followed once and read from where it led, so that a run reads one model
     * throughout and records the directory it read. {@code dir} itself when it does not exist.
     */
    public static Path followed(Path dir) throws IOException {
        return Files.exists(dir) ? dir.toRealPath() : dir;
    }

    /** A model directory's model.json, without loading the model. */
    public static ModelMetadata metadata(Path dir) throws IOException {
        return JSON.readValue(dir.resolve(METADATA).toFile(), ModelMetadata.class);
    }

    public static Loaded load(Path dir) throws IOException {
        Path meta = dir.resolve(METADATA);
        if (!Files.exists(meta)) {
            throw new IOException(dir + " is not a model directory: it has no " + METADATA
                    + " (train one with arscope train)");
        }
        ModelMetadata m = JSON.readValue(Files.readString(meta), ModelMetadata.class);
        if (m.featureVersion() != RiskFeatures.VERSION) {
            throw new IllegalArgumentException("model " + dir + " was trained on feature version "
                    + m.featureVersion() + " but this Arscope computes version " + RiskFeatures.VERSION
                    + "; retrain it");
        }
        Standardizer standardizer = new Standardizer(new java.util.TreeMap<>(m.standardizer()));
        if (!standardizer.rangesRecorded()) {
            throw new IllegalArgumentException("model " + dir + " records no training range for its features "
                    + "(trained by an Arscope before 2026-12-06), so its scores cannot be held within what it learnt "
                    + "from; retrain it");
        }
        return new Loaded(RiskModel.load(dir, m.platt(), standardizer, m.config()), m);
    }

    /**
     * Fails with a clear message when the data lacks features the model learned from (a model made for another
     * export or another feature definition).
     */
    public static void checkFeatures(ModelMetadata metadata, List<Map<String, Double>> sample) {
        TreeSet<String> seen = new TreeSet<>();
        sample.forEach(f -> seen.addAll(baseFeatures(new ArrayList<>(f.keySet()))));
        List<String> missing = new ArrayList<>();
        metadata.baseFeatures().stream().filter(n -> !seen.contains(n)).forEach(missing::add);
        // Optional history features appear only for customers with history, segment priors once a segment has an
        // outcome; the core ones are always there.
        missing.removeIf(n -> n.startsWith("hist_") || n.startsWith("segment_") || n.equals("days_since_last_payment") || n.equals("credit_use")
                || n.equals("amount_vs_usual") || n.equals("no_history") || n.equals("no_payment_yet"));
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the model expects features " + missing
                    + " that this data does not provide; it was trained on other data (see model.json)");
        }
    }
}
