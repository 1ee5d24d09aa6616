package io.arscope.risk;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;

/**
 * Trains the late-payment model on a time-ordered split: logistic regression and gradient boosting (XGBoost)
 * both learn from the oldest invoices, each at every point of a small hyperparameter grid ({@link Hyperparameters},
 * fit on an evenly spaced sample of a long training window and the best point of each family refit on all of it);
 * the best point of each family on the validation invoices is Platt-calibrated on them when that lowers their
 * Brier score, the family with the higher validation ROC AUC is kept, and every candidate is judged on the newest
 * invoices beside the plain baseline of the customer's historical late share. The test window is reported, never
 * used to choose.
 */
public final class RiskTrainer {

    /** Everything training found, for the model's metadata and the run's report. */
    public record Result(RiskModel model, String chosen, Map<String, Double> validationAuc, boolean calibrated,
            Evaluation test, Evaluation baseline, double testDaysLateMae, LabelledInvoices train,
            LabelledInvoices validation, LabelledInvoices testSet, Evaluation validationModel,
            Evaluation validationBaseline, List<Tried> search, int searchInvoices, List<Compared> comparison) {

        /** The chosen family's hyperparameters. */
        public Hyperparameters hyperparameters() {
            return comparison.stream().filter(c -> c.name().equals(chosen)).findFirst().orElseThrow()
                    .hyperparameters();
        }
    }

    /** One point of the search and its raw (uncalibrated) ROC AUC on the validation window. */
    public record Tried(Hyperparameters hyperparameters, double validationRocAuc) {
    }

    /**
     * A row of the comparison: the best point of a family (calibrated as it would be published), or the baseline
     * (null hyperparameters), on the validation and the test window.
     */
    public record Compared(String name, Hyperparameters hyperparameters, boolean calibrated, Evaluation validation,
            Evaluation test) {
    }

    /** The name of the baseline's row in the comparison. */
    public static final String BASELINE = "baseline";

    private RiskTrainer() {
    }

    static {
        // Tribuo reports every SGD epoch at INFO through java.util.logging.
        Logger.getLogger("org.tribuo").setLevel(Level.WARNING);
    }

    public static Result train(LabelledInvoices all, RiskConfig config) {
        return train(all, config, Hyperparameters.SEARCH_INVOICES);
    }

    /** As above, each point of the search fit on at most {@code searchInvoices} training invoices. */
    static Result train(LabelledInvoices all, RiskConfig config, int searchInvoices) {
        int n = all.size();
        int trainEnd = (int) Math.floor(n * config.trainShare());
        int validEnd = (int) Math.floor(n * (config.trainShare() + config.validShare()));
        if (trainEnd < 50 || validEnd - trainEnd < 20 || n - validEnd < 20) {
            throw new IllegalArgumentException("too few invoices with a known outcome to train and test a model: "
                    + n + " (need at least a few hundred)");
        }
        LabelledInvoices train = all.slice(0, trainEnd);
        LabelledInvoices validation = all.slice(trainEnd, validEnd);
        LabelledInvoices test = all.slice(validEnd, n);
        Standardizer standardizer = Standardizer.fit(train.features());
        MutableDataset<Label> trainData = classification(train, standardizer, "train");
        List<Map<String, Double>> validationFeatures = standardised(validation, standardizer);

        // Each family's best point on validation; ties keep the earlier point, so the search is reproducible.
        LabelledInvoices searched = train.evenlySpaced(searchInvoices);
        MutableDataset<Label> searchData = searched == train ? trainData
                : classification(searched, standardizer, "search");
        List<Tried> search = new ArrayList<>();
        Map<String, Model<Label>> best = new LinkedHashMap<>();
        Map<String, Tried> bestPoint = new LinkedHashMap<>();
        for (Hyperparameters h : Hyperparameters.grid(config)) {
            Model<Label> m = h.trainer(config.seed()).train(searchData);
            Tried tried = new Tried(h, Evaluation.of(RiskModel.rawProbabilities(m, validationFeatures),
                    validation.late(), validation.amounts()).rocAuc());
            search.add(tried);
            Tried sofar = bestPoint.get(h.family());
            if (sofar == null || tried.validationRocAuc() > sofar.validationRocAuc()) {
                bestPoint.put(h.family(), tried);
                best.put(h.family(), m);
            }
        }
        if (searched != train) {
            bestPoint.forEach((family, point) -> best.put(family,
                    point.hyperparameters().trainer(config.seed()).train(trainData)));
        }
        Model<Regressor> daysLate = daysLateTrainer(config).train(regression(train, standardizer));

        Map<String, Double> validationAuc = new LinkedHashMap<>();
        Map<String, RiskModel> models = new LinkedHashMap<>();
        List<Compared> comparison = new ArrayList<>();
        String chosen = null;
        for (Map.Entry<String, Model<Label>> family : best.entrySet()) {
            String name = family.getKey();
            double[] validP = RiskModel.rawProbabilities(family.getValue(), validationFeatures);
            double[] platt = Platt.fit(validP, validation.late());
            double[] calibratedP = new double[validP.length];
            for (int i = 0; i < validP.length; i++) {
                calibratedP[i] = Platt.apply(platt, validP[i]);
            }
            Evaluation raw = Evaluation.of(validP, validation.late(), validation.amounts());
            Evaluation calibrated = Evaluation.of(calibratedP, validation.late(), validation.amounts());
            boolean calibrate = calibrated.brier() < raw.brier();
            RiskModel model = new RiskModel(family.getValue(), daysLate, calibrate ? platt : null, standardizer,
                    config);
            models.put(name, model);
            comparison.add(new Compared(name, bestPoint.get(name).hyperparameters(), calibrate,
                    calibrate ? calibrated : raw, Evaluation.of(model.probabilities(test.features()), test.late(),
                            test.amounts())));
            validationAuc.put(name, bestPoint.get(name).validationRocAuc());
            if (chosen == null || validationAuc.get(name) > validationAuc.get(chosen)) {
                chosen = name;
            }
        }
        Evaluation validationBaseline = Evaluation.of(validation.baseline(train.lateShare()), validation.late(),
                validation.amounts());
        Evaluation baseline = Evaluation.of(test.baseline(train.lateShare()), test.late(), test.amounts());
        comparison.add(new Compared(BASELINE, null, false, validationBaseline, baseline));

        String kept = chosen;
        Compared winner = comparison.stream().filter(c -> c.name().equals(kept)).findFirst().orElseThrow();
        RiskModel model = models.get(chosen);
        return new Result(model, chosen, validationAuc, winner.calibrated(), winner.test(), baseline,
                daysLateMae(model, test), train, validation, test, winner.validation(), validationBaseline, search,
                searched.size(), comparison);
    }

    /** The logistic regression at the configuration's epochs, for models outside the search. */
    static Trainer<Label> logisticRegression(RiskConfig config) {
        return Hyperparameters.logisticRegression(1.0, config.lrEpochs()).trainer(config.seed());
    }

    static List<Map<String, Double>> standardised(LabelledInvoices rows, Standardizer standardizer) {
        List<Map<String, Double>> out = new ArrayList<>(rows.size());
        rows.features().forEach(f -> out.add(standardizer.apply(f)));
        return out;
    }

    static Trainer<Regressor> daysLateTrainer(RiskConfig config) {
        return new XGBoostRegressionTrainer(XGBoostTrainer.BoosterType.GBTREE, XGBoostTrainer.TreeMethod.HIST,
                XGBoostRegressionTrainer.RegressionType.LINEAR, config.trees() / 2, config.eta(),
                0.0, config.maxDepth(), 1.0, 0.8, 0.8, 1.0, 0.0, 1, XGBoostTrainer.LoggingVerbosity.SILENT,
                config.seed());
    }

    static MutableDataset<Label> classification(LabelledInvoices rows, Standardizer standardizer, String name) {
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("arscope-" + name,
                OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), factory), factory);
        Label late = new Label(RiskModel.LATE);
        Label onTime = new Label(RiskModel.ON_TIME);
        for (int i = 0; i < rows.size(); i++) {
            data.add(RiskModel.example(standardizer.apply(rows.features().get(i)), rows.late()[i] ? late : onTime));
        }
        return data;
    }

    /**
     * The days-late regression's examples: the invoices settled late, with their days late. It learns how late an
     * invoice is when it is late, and the model's expected days late is that times the probability of paying late.
     * Learnt over every settled invoice with the on-time ones at 0, it gave customers who seldom pay late a small
     * figure that over their small probability made them look the slowest payers once late, and the worklist put
     * their overdue invoices first.
     */
    static MutableDataset<Regressor> regression(LabelledInvoices rows, Standardizer standardizer) {
        var factory = RiskModel.regressionFactory();
        MutableDataset<Regressor> data = new MutableDataset<>(new SimpleDataSourceProvenance("arscope-days-late",
                OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), factory), factory);
        for (int i = 0; i < rows.size(); i++) {
            if (rows.late()[i] && !Double.isNaN(rows.daysLate()[i])) {
                data.add(RiskModel.regressionExample(standardizer.apply(rows.features().get(i)), rows.daysLate()[i]));
            }
        }
        if (data.size() == 0) {
            boolean anyPaid = java.util.Arrays.stream(rows.daysLate()).anyMatch(d -> !Double.isNaN(d));
            throw new IllegalArgumentException(anyPaid ? "no invoice of the training window was paid late, so there "
                    + "is nothing to learn how late a late invoice is: train on a longer history"
                    : "no invoice of the training window was paid at all, so there is nothing to learn how late a late "
                    + "invoice is: when the payments name no invoice (all on account, as ingest then warns), map the "
                    + "invoice each payment pays (notebooks-docs/mappings.md); else train on a longer history");
        }
        return data;
    }

    private static double daysLateMae(RiskModel model, LabelledInvoices test) {
        List<Map<String, Double>> settled = new ArrayList<>();
        List<Double> actual = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            if (!Double.isNaN(test.daysLate()[i])) {
                settled.add(test.features().get(i));
                actual.add(test.daysLate()[i]);
            }
        }
        if (settled.isEmpty()) {
            return Double.NaN;
        }
        List<RiskModel.Score> scores = model.score(settled, null);
        double sum = 0;
        for (int i = 0; i < scores.size(); i++) {
            sum += Math.abs(scores.get(i).expectedDaysLate() - actual.get(i));
        }
        return sum / scores.size();
    }
}
