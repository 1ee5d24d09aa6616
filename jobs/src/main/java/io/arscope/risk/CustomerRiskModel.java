package io.arscope.risk;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.oracle.labs.mlrg.olcut.config.json.JsonProvenanceSerialization;

import io.arscope.activity.CollectionActivity;
import io.arscope.ledger.ReceivablesLedger;

/**
 * The customer credit-risk model: a Tribuo logistic regression of whether a customer goes more than 60 days past due
 * within 90 days ({@link CustomerFeatures}), on standardised features, explained by weight times value as the
 * late-payment model is ({@link Reasons}). Trained on month-end observations on a time split: it learns from the
 * month-ends whose 90-day windows closed before the first test month-end, and is tested on the last
 * {@value #TEST_DAYS} month-ends whose windows closed, beside two baselines. It lives in the model directory beside
 * the late-payment model ({@value #CLASSIFIER_FILE}, {@value #METADATA}, {@value #PROVENANCE}); a model directory
 * without it scores invoices and no customers.
 */
public final class CustomerRiskModel implements Serializable {

    public static final String CLASSIFIER_FILE = "customer-risk.tribuo";
    public static final String METADATA = "customer-risk.json";
    public static final String PROVENANCE = "customer-risk-provenance.json";
    /** Why training made no customer model, one line of text, written in its place. */
    public static final String NOT_TRAINED = "customer-risk-not-trained.txt";
    /** Month-ends the model is tested on. */
    public static final int TEST_DAYS = 3;
    /** Probability from which a customer is high risk. */
    public static final double HIGH_BAND = 0.5;
    /** Probability from which a customer is medium risk. */
    public static final double MEDIUM_BAND = 0.2;
    /**
     * Most customer observations collected to train on: a customer on each month-end of years of history outnumbers
     * the invoices at scale (66,000 customers on 33 month-ends of a 1M-invoice history), and the driver holds them.
     */
    public static final long MAX_OBSERVATIONS = 500_000;
    private static final int MIN_TRAIN = 50;
    private static final int MIN_TEST = 20;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final LinearSGDModel classifier;
    private final Standardizer standardizer;

    /** Customers observed on month-ends, with their labels, on the driver. */
    public record Observations(List<String> customers, List<LocalDate> days, List<Map<String, Double>> features,
            boolean[] bad) {

        /**
         * Every customer on every month-end whose {@value CustomerFeatures#HORIZON_DAYS}-day window closed by
         * {@code labelsAsOf}, from the ledger known then, oldest first.
         *
         * @param activity the customers' collection activity, or null for none
         */
        public static Observations closed(ReceivablesLedger ledger, CollectionActivity activity,
                LocalDate labelsAsOf, int graceDays) {
            return closed(ledger, CustomerHistory.of(ledger, activity, labelsAsOf), graceDays);
        }

        /** As above, from the ledger's {@link CustomerHistory} at the labels' day, held by the caller. */
        public static Observations closed(ReceivablesLedger ledger, CustomerHistory history, int graceDays) {
            return closed(ledger, history, graceDays, MAX_OBSERVATIONS);
        }

        /**
         * As {@link #closed(ReceivablesLedger, CustomerHistory, int)}, keeping at most about
         * {@code max} observations: beyond it, the customers whose id hashes to 0 modulo {@link #sampleEvery}, each
         * with all its month-ends, the same customers on every run.
         */
        static Observations closed(ReceivablesLedger ledger, CustomerHistory history, int graceDays, long max) {
            LocalDate labelsAsOf = history.labelAsOf();
            Row first = ledger.invoices().filter(col("invoice_date").leq(labelsAsOf))
                    .agg(functions.min("invoice_date")).first();
            List<LocalDate> days = first.isNullAt(0) ? List.of() : CustomerFeatures.monthEnds(first.getAs(0),
                    labelsAsOf.minusDays(CustomerFeatures.HORIZON_DAYS));
            org.apache.spark.sql.Dataset<Row> labelled = CustomerFeatures.observe(history, days, graceDays)
                    .filter(col("crosses_60").isNotNull()).localCheckpoint();
            int every = sampleEvery(labelled.count(), max);
            if (every > 1) {
                labelled = labelled.filter(functions.pmod(functions.hash(col("customer_id")), functions.lit(every))
                        .equalTo(0));
            }
            List<Row> rows = labelled.orderBy("observed_on", "customer_id")
                    .select("customer_id", "observed_on", "features", "crosses_60").collectAsList();
            List<String> customers = new ArrayList<>(rows.size());
            List<LocalDate> on = new ArrayList<>(rows.size());
            List<Map<String, Double>> features = new ArrayList<>(rows.size());
            boolean[] bad = new boolean[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                customers.add(r.getString(0));
                on.add(r.getAs(1));
                features.add(r.getJavaMap(2));
                bad[i] = r.getBoolean(3);
            }
            return new Observations(customers, on, features, bad);
        }

        public int size() {
            return customers.size();
        }

        /** One customer in how many is kept so that {@code count} observations come to at most about {@code max}. */
        static int sampleEvery(long count, long max) {
            return (int) Math.max(1, (count + max - 1) / max);
        }

        Observations on(List<LocalDate> wanted) {
            List<String> c = new ArrayList<>();
            List<LocalDate> d = new ArrayList<>();
            List<Map<String, Double>> f = new ArrayList<>();
            List<Boolean> b = new ArrayList<>();
            for (int i = 0; i < size(); i++) {
                if (wanted.contains(days.get(i))) {
                    c.add(customers.get(i));
                    d.add(days.get(i));
                    f.add(features.get(i));
                    b.add(bad[i]);
                }
            }
            boolean[] out = new boolean[b.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = b.get(i);
            }
            return new Observations(c, d, f, out);
        }

        double badShare() {
            int n = 0;
            for (boolean x : bad) {
                n += x ? 1 : 0;
            }
            return size() == 0 ? Double.NaN : (double) n / size();
        }

        /** ROC AUC of scores against the outcomes ({@link Evaluation#rocAuc}); NaN with one outcome only. */
        double rocAuc(double[] p) {
            int positives = 0;
            for (boolean x : bad) {
                positives += x ? 1 : 0;
            }
            return Evaluation.rocAuc(p, bad, positives);
        }

        /** A feature as a score in [0, 1) that ranks as the feature does; 0 where the customer lacks it. */
        double[] ranked(String feature) {
            double[] p = new double[size()];
            for (int i = 0; i < p.length; i++) {
                double v = Math.max(0, features.get(i).getOrDefault(feature, 0.0));
                p[i] = v / (1 + v);
            }
            return p;
        }
    }

    /**
     * What the model directory records of the customer model: what it predicts, what it learned from and how it did
     * on the test month-ends beside the baselines (the customer's current largest days past due, and its share of
     * earlier invoices paid late).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Metadata(int pastDueDays, int horizonDays, String labelsAsOf, List<String> features,
            Map<String, double[]> standardizer, Window train, Window test, double testRocAuc,
            double baselineMaxDaysPastDueRocAuc, double baselineLateShareRocAuc, double highBand, double mediumBand) {
    }

    /** Month-ends of a split: how many, the first and last, the customer rows and the share of them that went bad. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Window(int monthEnds, String from, String to, int customers, double badShare) {

        static Window of(List<LocalDate> days, Observations rows) {
            return new Window(days.size(), days.get(0).toString(), days.get(days.size() - 1).toString(),
                    rows.size(), rows.badShare());
        }
    }

    /** The model trained, or why none was: too few observations, or one outcome only. */
    public record Training(CustomerRiskModel model, Metadata metadata, String refusal) {
    }

    /** The model and its metadata, as a model directory holds them. */
    public record Loaded(CustomerRiskModel model, Metadata metadata) {
    }

    CustomerRiskModel(LinearSGDModel classifier, Standardizer standardizer) {
        this.classifier = classifier;
        this.standardizer = standardizer;
    }

    /**
     * Trains on the observations whose windows closed by {@code labelsAsOf} (all of {@code closed} have a label).
     */
    public static Training train(Observations closed, LocalDate labelsAsOf, RiskConfig config) {
        List<LocalDate> days = new ArrayList<>(new TreeSet<>(closed.days()));
        if (days.size() < TEST_DAYS + 1) {
            return refused("only " + days.size() + " month-ends have a closed 90-day window; it needs "
                    + (TEST_DAYS + 1) + " or more");
        }
        List<LocalDate> testDays = days.subList(days.size() - TEST_DAYS, days.size());
        LocalDate firstTest = testDays.get(0);
        // Training labels must be known on the first test day, as they would have been then.
        List<LocalDate> trainDays = days.stream()
                .filter(d -> !d.plusDays(CustomerFeatures.HORIZON_DAYS).isAfter(firstTest)).toList();
        Observations train = closed.on(trainDays);
        Observations test = closed.on(testDays);
        if (train.size() < MIN_TRAIN || test.size() < MIN_TEST) {
            return refused(String.format("too few customer observations: %d to train on (needs %d), %d to test on "
                    + "(needs %d)", train.size(), MIN_TRAIN, test.size(), MIN_TEST));
        }
        if (train.badShare() == 0 || train.badShare() == 1) {
            return refused("every training customer had the same outcome: nothing to learn");
        }
        Standardizer standardizer = Standardizer.fitWithinRange(train.features());
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("arscope-customer-risk",
                java.time.OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, java.time.ZoneOffset.UTC), factory), factory);
        for (int i = 0; i < train.size(); i++) {
            data.add(RiskModel.example(standardizer.apply(train.features().get(i)),
                    new Label(train.bad()[i] ? RiskModel.LATE : RiskModel.ON_TIME)));
        }
        LinearSGDModel classifier = (LinearSGDModel) RiskTrainer.logisticRegression(config).train(data);
        CustomerRiskModel model = new CustomerRiskModel(classifier, standardizer);
        double auc = test.rocAuc(model.probabilities(test.features()));
        double maxDpd = test.rocAuc(test.ranked("max_days_past_due"));
        double lateShare = test.rocAuc(test.ranked("hist_late_share"));
        Metadata meta = new Metadata(CustomerFeatures.PAST_DUE_DAYS, CustomerFeatures.HORIZON_DAYS,
                labelsAsOf.toString(), model.featureNames(), standardizer.meanAndScale(), Window.of(trainDays, train),
                Window.of(testDays, test), auc, maxDpd, lateShare, HIGH_BAND, MEDIUM_BAND);
        return new Training(model, meta, null);
    }

    private static Training refused(String why) {
        return new Training(null, null, why);
    }

    List<String> featureNames() {
        List<String> names = new ArrayList<>();
        classifier.getFeatureIDMap().forEach(f -> names.add(f.getName()));
        names.sort(null);
        return names;
    }

    /** Probabilities of going more than 60 days past due within 90 days. */
    public double[] probabilities(List<Map<String, Double>> batch) {
        List<Map<String, Double>> z = new ArrayList<>(batch.size());
        batch.forEach(f -> z.add(standardizer.apply(f)));
        return RiskModel.rawProbabilities(classifier, z);
    }

    /** The strongest reasons of each customer's score, in {@link Reasons}' words; amounts in {@code currency}. */
    public List<List<Reasons.Reason>> reasons(List<Map<String, Double>> batch, String currency) {
        List<Map<String, Double>> z = new ArrayList<>(batch.size());
        batch.forEach(f -> z.add(standardizer.apply(f)));
        float[][] contributions = RiskModel.linearContributions(classifier, z);
        List<String> byId = new ArrayList<>(classifier.getFeatureIDMap().size());
        for (int j = 0; j < classifier.getFeatureIDMap().size(); j++) {
            byId.add(classifier.getFeatureIDMap().get(j).getName());
        }
        List<List<Reasons.Reason>> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            out.add(Reasons.strongest(byId, contributions[i], batch.get(i), z.get(i), currency).stream()
                    .map(Reasons::ofCustomer).toList());
        }
        return out;
    }

    /** The band of a probability as stored: high from {@value #HIGH_BAND}, medium from {@value #MEDIUM_BAND}. */
    public static String band(double probability) {
        return probability >= HIGH_BAND ? "high" : probability >= MEDIUM_BAND ? "medium" : "low";
    }

    /** Writes the classifier, its Tribuo provenance and the metadata into the model directory. */
    public static void save(Path dir, Training trained) throws IOException {
        Files.createDirectories(dir);
        trained.model().classifier.serializeToFile(dir.resolve(CLASSIFIER_FILE));
        Files.writeString(dir.resolve(METADATA), JSON.writeValueAsString(trained.metadata()));
        Files.writeString(dir.resolve(PROVENANCE), new JsonProvenanceSerialization(true)
                .marshalAndSerialize(trained.model().classifier.getProvenance()));
    }

    /** Records in the model directory why training made no customer model ({@link Training#refusal}). */
    public static void saveRefusal(Path dir, String why) throws IOException {
        Files.writeString(dir.resolve(NOT_TRAINED), why + "\n");
    }

    /**
     * Why a model directory has no customer model, as score and the report say it: the refusal training recorded,
     * or, for a directory trained before customer scores, that it needs training again.
     */
    public static String absence(Path dir) throws IOException {
        Path refusal = dir.resolve(NOT_TRAINED);
        return Files.exists(refusal) ? "not trained: " + Files.readString(refusal).strip()
                : "trained before customer scores; retrain with arscope train";
    }

    /** The customer model of a model directory, or empty for a directory trained without one. */
    public static Optional<Loaded> load(Path dir) throws IOException {
        if (!Files.exists(dir.resolve(METADATA))) {
            return Optional.empty();
        }
        Metadata meta = JSON.readValue(dir.resolve(METADATA).toFile(), Metadata.class);
        Model<Label> classifier = Model.deserializeFromFile(dir.resolve(CLASSIFIER_FILE)).castModel(Label.class);
        return Optional.of(new Loaded(new CustomerRiskModel((LinearSGDModel) classifier,
                new Standardizer(new TreeMap<>(meta.standardizer()))), meta));
    }
}
