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
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.classification.xgboost.XGBoostClassificationTrainer;
import org.tribuo.common.xgboost.XGBoostTrainer;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.xgboost.XGBoostRegressionTrainer;

/**
 * Trains the late-payment model on a time-ordered split: logistic regression and gradient boosting (XGBoost)
 * both learn from the oldest invoices, the better on the validation invoices is kept, Platt-calibrated on them
 * when that lowers their Brier score, and judged once on the newest invoices beside the plain baseline of the
 * customer's historical late share.
 */
public final class RiskTrainer {

    /** Everything training found, for the model's metadata and the run's report. */
    public record Result(RiskModel model, String chosen, Map<String, Double> validationAuc, boolean calibrated,
            Evaluation test, Evaluation baseline, double testDaysLateMae, LabelledInvoices train,
            LabelledInvoices validation, LabelledInvoices testSet, Evaluation validationModel,
            Evaluation validationBaseline) {
    }

    private RiskTrainer() {
    }

    static {
        // Tribuo reports every SGD epoch at INFO through java.util.logging.
        Logger.getLogger("org.tribuo").setLevel(Level.WARNING);
    }

    public static Result train(LabelledInvoices all, RiskConfig config) {
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

        Map<String, Model<Label>> candidates = new LinkedHashMap<>();
        candidates.put("logistic_regression", logisticRegression(config).train(trainData));
        candidates.put("xgboost", gradientBoosting(config).train(trainData));
        Map<String, Double> validationAuc = new LinkedHashMap<>();
        String chosen = null;
        for (Map.Entry<String, Model<Label>> c : candidates.entrySet()) {
            double auc = Evaluation.of(RiskModel.rawProbabilities(c.getValue(), standardised(validation, standardizer)),
                    validation.late(), validation.amounts()).rocAuc();
            validationAuc.put(c.getKey(), auc);
            if (chosen == null || auc > validationAuc.get(chosen)) {
                chosen = c.getKey();
            }
        }
        Model<Label> classifier = candidates.get(chosen);

        double[] validP = RiskModel.rawProbabilities(classifier, standardised(validation, standardizer));
        double[] platt = Platt.fit(validP, validation.late());
        double[] calibratedP = new double[validP.length];
        for (int i = 0; i < validP.length; i++) {
            calibratedP[i] = Platt.apply(platt, validP[i]);
        }
        boolean calibrate = Evaluation.of(calibratedP, validation.late(), validation.amounts()).brier()
                < Evaluation.of(validP, validation.late(), validation.amounts()).brier();

        Model<Regressor> daysLate = daysLateTrainer(config).train(regression(train, standardizer));
        RiskModel model = new RiskModel(classifier, daysLate, calibrate ? platt : null, standardizer, config);

        Evaluation testEvaluation = Evaluation.of(model.probabilities(test.features()), test.late(), test.amounts());
        Evaluation baseline = Evaluation.of(test.baseline(train.lateShare()), test.late(), test.amounts());
        double mae = daysLateMae(model, test);
        // What the model gate compares: the published model and the baseline on the same validation invoices.
        Evaluation validationModel = Evaluation.of(calibrate ? calibratedP : validP, validation.late(),
                validation.amounts());
        Evaluation validationBaseline = Evaluation.of(validation.baseline(train.lateShare()), validation.late(),
                validation.amounts());
        return new Result(model, chosen, validationAuc, calibrate, testEvaluation, baseline, mae, train, validation,
                test, validationModel, validationBaseline);
    }

    /** On features the {@link Standardizer} has scaled; a fresh trainer each time, as Tribuo's SGD reseeds per call. */
    static Trainer<Label> logisticRegression(RiskConfig config) {
        return new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(1.0, 0.1), config.lrEpochs(), 1000, 1,
                config.seed());
    }

    static List<Map<String, Double>> standardised(LabelledInvoices rows, Standardizer standardizer) {
        List<Map<String, Double>> out = new ArrayList<>(rows.size());
        rows.features().forEach(f -> out.add(standardizer.apply(f)));
        return out;
    }

    /** One XGBoost thread: on two cores, two threads measured many times slower, and one gives the same model. */
    static Trainer<Label> gradientBoosting(RiskConfig config) {
        return new XGBoostClassificationTrainer(XGBoostTrainer.BoosterType.GBTREE, XGBoostTrainer.TreeMethod.HIST,
                config.trees(), config.eta(), 0.0, config.maxDepth(), 1.0, 0.8, 0.8, 1.0, 0.0, 1,
                XGBoostTrainer.LoggingVerbosity.SILENT, config.seed());
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

    static MutableDataset<Regressor> regression(LabelledInvoices rows, Standardizer standardizer) {
        var factory = RiskModel.regressionFactory();
        MutableDataset<Regressor> data = new MutableDataset<>(new SimpleDataSourceProvenance("arscope-days-late",
                OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), factory), factory);
        for (int i = 0; i < rows.size(); i++) {
            if (!Double.isNaN(rows.daysLate()[i])) {
                data.add(RiskModel.regressionExample(standardizer.apply(rows.features().get(i)), rows.daysLate()[i]));
            }
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
