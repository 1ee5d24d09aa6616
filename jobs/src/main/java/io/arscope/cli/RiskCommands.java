package io.arscope.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

import io.arscope.risk.Evaluation;
import io.arscope.risk.RiskConfig;
import io.arscope.risk.RiskJob;
import io.arscope.risk.RiskTrainer;
import io.arscope.run.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code arscope train}, {@code evaluate} and {@code score}: the late-payment risk model. */
final class RiskCommands {

    private RiskCommands() {
    }

    static String summary(String what, Evaluation e) {
        return String.format("%-28s invoices %,7d  late %5.1f%%  ROC AUC %.3f  PR AUC %.3f  Brier %.4f  "
                + "late amount in top 10%% %5.1f%%, top 20%% %5.1f%%", what, e.rows(), 100 * e.lateShare(), e.rocAuc(),
                e.prAuc(), e.brier(), 100 * e.captureTop10(), 100 * e.captureTop20());
    }

    static int fail(String command, Exception e) {
        System.err.println("arscope " + command + ": " + e.getMessage());
        return e instanceof IllegalArgumentException ? ExitCode.USAGE
                : e instanceof java.io.IOException ? ExitCode.INPUT : ExitCode.FAILURE;
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Trains the late-payment model on an ingest run's output: features of each invoice as of "
                    + "its invoice date, a time-ordered split (oldest 70% train, next 15% validation, newest 15% "
                    + "test), logistic regression and XGBoost compared on validation, Platt calibration when it "
                    + "helps, and a test report beside the baseline (the customer's historical late share).",
                    "Writes the model directory: classifier.tribuo, days-late.tribuo, model.json, provenance.json."})
    static final class Train implements Callable<Integer> {
        @Option(names = "--input", required = true, description = "Folder an ingest run wrote.")
        String input;
        @Option(names = "--model", required = true, description = "Model directory to write.")
        Path model;
        @Option(names = "--as-of", description = "Outcomes as known on this day. Default: latest date in the data.")
        LocalDate asOf;
        @Option(names = "--grace-days", defaultValue = "0", description = "Late means paid more than this many "
                + "days after due. Default: ${DEFAULT-VALUE}.")
        int graceDays;
        @Option(names = "--seed", defaultValue = "42", description = "Seed. Default: ${DEFAULT-VALUE}.")
        long seed;
        @Option(names = "--master", description = "Spark master URL. Default: spark-submit's, else local[*].")
        String master;
        @Option(names = "--config", description = "YAML file with defaults, in a section 'train'.")
        Path config;

        @Override
        public Integer call() {
            long t0 = System.nanoTime();
            try (SparkSessions.Scoped spark = SparkSessions.open("arscope-train", master)) {
                RiskConfig cfg = RiskConfig.DEFAULT.withGraceDays(graceDays).withSeed(seed);
                RiskTrainer.Result r = RiskJob.train(spark.session(), input, model, asOf, cfg);
                System.out.printf("train: %,d invoices (%s to %s), validation %,d, test %,d (%s to %s)%n",
                        r.train().size(), r.train().dates().get(0), r.train().dates().get(r.train().size() - 1),
                        r.validation().size(), r.testSet().size(), r.testSet().dates().get(0),
                        r.testSet().dates().get(r.testSet().size() - 1));
                System.out.println("validation ROC AUC " + r.validationAuc() + "; chosen " + r.chosen()
                        + (r.calibrated() ? ", Platt-calibrated" : ", not recalibrated"));
                System.out.println(summary("test, model", r.test()));
                System.out.println(summary("test, baseline", r.baseline()));
                System.out.printf("days late: mean absolute error %.1f days on settled test invoices%n",
                        r.testDaysLateMae());
                System.out.printf("train: model in %s in %.1f s%n", model, (System.nanoTime() - t0) / 1e9);
                return ExitCode.OK;
            } catch (Exception e) {
                return fail("train", e);
            }
        }
    }

    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = "Evaluates a model on invoices issued from a date whose outcome is known, beside the "
                    + "baseline. Default window: the model's own test window.")
    static final class Evaluate implements Callable<Integer> {
        @Option(names = "--input", required = true, description = "Folder an ingest run wrote.")
        String input;
        @Option(names = "--model", required = true, description = "Model directory.")
        Path model;
        @Option(names = "--as-of", description = "Outcomes as known on this day. Default: latest date in the data.")
        LocalDate asOf;
        @Option(names = "--from", description = "First invoice date to evaluate on. Default: the model's test window.")
        LocalDate from;
        @Option(names = "--master", description = "Spark master URL. Default: spark-submit's, else local[*].")
        String master;
        @Option(names = "--config", description = "YAML file with defaults, in a section 'evaluate'.")
        Path config;

        @Override
        public Integer call() {
            try (SparkSessions.Scoped spark = SparkSessions.open("arscope-evaluate", master)) {
                Evaluation[] e = RiskJob.evaluate(spark.session(), input, model, asOf, from);
                System.out.println(summary("model", e[0]));
                System.out.println(summary("baseline", e[1]));
                for (Evaluation.Decile d : e[0].calibration()) {
                    System.out.printf("  decile %2d: %,7d invoices, predicted %.3f, observed %.3f%n", d.decile(),
                            d.rows(), d.meanPredicted(), d.observedLate());
                }
                return ExitCode.OK;
            } catch (Exception e) {
                return fail("evaluate", e);
            }
        }
    }

    @Command(name = "score", mixinStandardHelpOptions = true,
            description = {"Scores every invoice open at the as-of date: probability of paying late, expected days "
                    + "late, risk band and the top three reasons in words.",
                    "Writes scores/ (Parquet), scores.csv and score-run.json under --output."})
    static final class Score implements Callable<Integer> {
        @Option(names = "--input", required = true, description = "Folder an ingest run wrote.")
        String input;
        @Option(names = "--model", required = true, description = "Model directory.")
        Path model;
        @Option(names = "--output", required = true, description = "Folder for the scores; replaced on rerun.")
        String output;
        @Option(names = "--as-of", description = "Scoring day. Default: latest date in the data.")
        LocalDate asOf;
        @Option(names = "--master", description = "Spark master URL. Default: spark-submit's, else local[*].")
        String master;
        @Option(names = "--config", description = "YAML file with defaults, in a section 'score'.")
        Path config;

        @Override
        public Integer call() {
            long t0 = System.nanoTime();
            try (SparkSessions.Scoped spark = SparkSessions.open("arscope-score", master)) {
                long n = RiskJob.score(spark.session(), input, model, asOf, output);
                System.out.printf("score: %,d open invoices scored in %.1f s; outputs in %s%n", n,
                        (System.nanoTime() - t0) / 1e9, output);
                return ExitCode.OK;
            } catch (Exception e) {
                return fail("score", e);
            }
        }
    }
}
