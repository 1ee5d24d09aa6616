package io.arscope.risk;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.common.xgboost.XGBoostModel;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.RegressionFactory;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * A trained late-payment risk model as scoring uses it: the Tribuo classifier (logistic regression or gradient
 * boosting), its optional Platt calibration, the Tribuo regressor of days late, and the risk bands. Scores
 * batches of feature maps and explains each score by the features that pushed it up the most. Serializable,
 * so that Spark can broadcast it to executors.
 */
public final class RiskModel implements Serializable {

    public static final String LATE = "late";
    public static final String ON_TIME = "on_time";
    public static final String CLASSIFIER_FILE = "classifier.tribuo";
    public static final String REGRESSOR_FILE = "days-late.tribuo";

    private final Model<Label> classifier;
    private final Model<Regressor> daysLate;
    private final double[] platt;
    private final Standardizer standardizer;
    private final RiskConfig config;

    /**
     * One scored invoice.
     *
     * @param beyondTraining the features whose value lies outside the training invoices' values, in name order,
     *                       scored as the nearest value seen ({@link Standardizer#beyond}); empty when none
     */
    public record Score(double probability, double daysLateWhenLate, String band, List<Reasons.Reason> reasons,
            List<String> beyondTraining) {

        /** Expected days late over all outcomes, on time at 0: the days late when late times the probability. */
        public double expectedDaysLate() {
            return probability * daysLateWhenLate;
        }

    }

    /**
     * @param platt null for none, else (a, b) in p' = sigmoid(a logit(p) + b)
     */
    public RiskModel(Model<Label> classifier, Model<Regressor> daysLate, double[] platt, Standardizer standardizer,
            RiskConfig config) {
        this.classifier = classifier;
        this.daysLate = daysLate;
        this.platt = platt == null ? null : platt.clone();
        this.standardizer = standardizer;
        this.config = config;
    }

    public Standardizer standardizer() {
        return standardizer;
    }

    private List<Map<String, Double>> standardised(List<Map<String, Double>> batch) {
        List<Map<String, Double>> out = new ArrayList<>(batch.size());
        batch.forEach(f -> out.add(standardizer.apply(f)));
        return out;
    }

    public Model<Label> classifier() {
        return classifier;
    }

    public RiskConfig config() {
        return config;
    }

    public double[] platt() {
        return platt == null ? null : platt.clone();
    }

    /** The names of the features the classifier knows. */
    public List<String> featureNames() {
        List<String> names = new ArrayList<>();
        classifier.getFeatureIDMap().forEach(f -> names.add(f.getName()));
        names.sort(null);
        return names;
    }

    static Example<Label> example(Map<String, Double> features, Label label) {
        String[] names = features.keySet().stream().sorted().toArray(String[]::new);
        double[] values = new double[names.length];
        for (int i = 0; i < names.length; i++) {
            values[i] = features.get(names[i]);
        }
        return new ArrayExample<>(label, names, values);
    }

    static Example<Regressor> regressionExample(Map<String, Double> features, double target) {
        String[] names = features.keySet().stream().sorted().toArray(String[]::new);
        double[] values = new double[names.length];
        for (int i = 0; i < names.length; i++) {
            values[i] = features.get(names[i]);
        }
        return new ArrayExample<>(new Regressor("days_late", target), names, values);
    }

    /**
     * An example of the features {@code model} knows, in name order: what Tribuo keeps of a whole row's features
     * when it predicts (it skips names outside its feature map), without sorting every row's names, which cost as
     * much as the prediction.
     */
    static <T extends Output<T>> Example<T> knownFeatures(Map<String, Double> features, String[] known, T output) {
        String[] names = new String[known.length];
        double[] values = new double[known.length];
        int n = 0;
        for (String name : known) {
            Double v = features.get(name);
            if (v != null) {
                names[n] = name;
                values[n++] = v;
            }
        }
        return new ArrayExample<>(output, Arrays.copyOf(names, n), Arrays.copyOf(values, n));
    }

    /** The names of a model's features, sorted. */
    static String[] knownNames(Model<?> model) {
        List<String> names = new ArrayList<>(model.getFeatureIDMap().size());
        model.getFeatureIDMap().forEach(f -> names.add(f.getName()));
        return names.stream().sorted().toArray(String[]::new);
    }

    /** Uncalibrated probabilities of paying late. */
    static double[] rawProbabilities(Model<Label> model, List<Map<String, Double>> batch) {
        List<Example<Label>> examples = new ArrayList<>(batch.size());
        String[] known = knownNames(model);
        batch.forEach(f -> examples.add(knownFeatures(f, known, LabelFactory.UNKNOWN_LABEL)));
        List<Prediction<Label>> predictions = model.predict(examples);
        double[] p = new double[batch.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = predictions.get(i).getOutputScores().get(LATE).getScore();
        }
        return p;
    }

    double calibrate(double p) {
        if (platt == null) {
            return p;
        }
        return Platt.apply(platt, p);
    }

    /** Calibrated probabilities of paying late. */
    public double[] probabilities(List<Map<String, Double>> batch) {
        double[] p = rawProbabilities(classifier, standardised(batch));
        for (int i = 0; i < p.length; i++) {
            p[i] = calibrate(p[i]);
        }
        return p;
    }

    /**
     * Scores a batch: probability, expected days late, band and the top three reasons.
     *
     * @param reportedIn the currency the amounts were converted into, or null for amounts as stored
     */
    public List<Score> score(List<Map<String, Double>> batch, String reportedIn) {
        List<Map<String, Double>> z = standardised(batch);
        double[] p = rawProbabilities(classifier, z);
        for (int i = 0; i < p.length; i++) {
            p[i] = calibrate(p[i]);
        }
        List<Example<Regressor>> regression = new ArrayList<>(batch.size());
        String[] known = knownNames(daysLate);
        Regressor unknown = new Regressor("days_late", 0);
        z.forEach(f -> regression.add(knownFeatures(f, known, unknown)));
        List<Prediction<Regressor>> days = daysLate.predict(regression);
        float[][] contributions = contributions(z);
        ImmutableFeatureMap featureMap = innerFeatureMap();
        List<String> names = new ArrayList<>(featureMap.size());
        for (int j = 0; j < featureMap.size(); j++) {
            names.add(featureMap.get(j).getName());
        }
        List<Score> scores = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            // The regression says how late a late invoice is (RiskTrainer#regression).
            scores.add(new Score(p[i], Math.max(0, days.get(i).getOutput().getValues()[0]), config.band(p[i]),
                    Reasons.strongest(names, contributions[i], batch.get(i), z.get(i),
                            InvoiceCurrency.of(batch.get(i), reportedIn)),
                    standardizer.beyond(batch.get(i))));
        }
        return scores;
    }

    private ImmutableFeatureMap innerFeatureMap() {
        return classifier.getFeatureIDMap();
    }

    /**
     * Per invoice and feature, how much the feature moved the log-odds of paying late: weight times standardised
     * value for the logistic regression, tree SHAP values for gradient boosting.
     *
     * @param batch standardised features
     */
    float[][] contributions(List<Map<String, Double>> batch) {
        if (classifier instanceof LinearSGDModel linear) {
            return linearContributions(linear, batch);
        }
        if (classifier instanceof XGBoostModel<Label> xgb) {
            return treeContributions(xgb, batch);
        }
        throw new IllegalStateException("no explanation for a " + classifier.getClass().getSimpleName());
    }

    /** Per row and feature id of a logistic regression: its weight for late over on time times the value. */
    static float[][] linearContributions(LinearSGDModel linear, List<Map<String, Double>> batch) {
        ImmutableFeatureMap fm = linear.getFeatureIDMap();
        DenseMatrix w = linear.getWeightsCopy();
        int late = linear.getOutputIDInfo().getID(new Label(LATE));
        int onTime = linear.getOutputIDInfo().getID(new Label(ON_TIME));
        float[][] out = new float[batch.size()][fm.size()];
        for (int i = 0; i < batch.size(); i++) {
            for (Map.Entry<String, Double> feature : batch.get(i).entrySet()) {
                int id = fm.getID(feature.getKey());
                if (id >= 0) {
                    out[i][id] = (float) ((w.get(late, id) - w.get(onTime, id)) * feature.getValue());
                }
            }
        }
        return out;
    }

    private static float[][] treeContributions(XGBoostModel<Label> xgb, List<Map<String, Double>> batch) {
        ImmutableFeatureMap fm = xgb.getFeatureIDMap();
        int nf = fm.size();
        float[] dense = new float[batch.size() * nf];
        Arrays.fill(dense, Float.NaN);
        for (int i = 0; i < batch.size(); i++) {
            for (Map.Entry<String, Double> e : batch.get(i).entrySet()) {
                int id = fm.getID(e.getKey());
                if (id >= 0) {
                    dense[i * nf + id] = e.getValue().floatValue();
                }
            }
        }
        int late = xgb.getOutputIDInfo().getID(new Label(LATE));
        int onTime = xgb.getOutputIDInfo().getID(new Label(ON_TIME));
        try {
            Booster booster = xgb.getInnerModels().get(0);
            DMatrix matrix = new DMatrix(dense, batch.size(), nf, Float.NaN);
            float[][] raw = booster.predictContrib(matrix, 0);
            matrix.dispose();
            float[][] out = new float[batch.size()][nf];
            for (int i = 0; i < batch.size(); i++) {
                // Two-class softmax: the log-odds of late is the difference of the two margins.
                for (int j = 0; j < nf; j++) {
                    out[i][j] = raw[i][late * (nf + 1) + j] - raw[i][onTime * (nf + 1) + j];
                }
            }
            return out;
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost could not explain the scores: " + e.getMessage(), e);
        }
    }

    /** Writes the two Tribuo models (protobuf) into {@code dir}. */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        classifier.serializeToFile(dir.resolve(CLASSIFIER_FILE));
        daysLate.serializeToFile(dir.resolve(REGRESSOR_FILE));
    }

    /** Reads the models {@link #save} wrote; calibration and configuration come from the model's metadata. */
    public static RiskModel load(Path dir, double[] platt, Standardizer standardizer, RiskConfig config)
            throws IOException {
        Model<Label> classifier = Model.deserializeFromFile(dir.resolve(CLASSIFIER_FILE)).castModel(Label.class);
        Model<Regressor> regressor = Model.deserializeFromFile(dir.resolve(REGRESSOR_FILE))
                .castModel(Regressor.class);
        return new RiskModel(classifier, regressor, platt, standardizer, config);
    }

    static RegressionFactory regressionFactory() {
        return new RegressionFactory();
    }
}
