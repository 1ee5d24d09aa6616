package io.arscope.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

import io.arscope.risk.EvaluateJob;
import io.arscope.risk.EvaluateOptions;
import io.arscope.risk.RiskConfig;
import io.arscope.risk.ScoreJob;
import io.arscope.risk.ScoreOptions;
import io.arscope.risk.TrainJob;
import io.arscope.risk.TrainOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code arscope train}, {@code evaluate} and {@code score}: the late-payment risk model. */
final class RiskCommands {

    private RiskCommands() {
    }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = {"Trains the late-payment model on an ingest run's output: features of each invoice as of "
                    + "its invoice date, a time-ordered split (oldest 70%% train, next 15%% validation, newest 15%% "
                    + "test), logistic regression and XGBoost compared on validation, Platt calibration when it "
                    + "helps, and a test report beside the baseline (the customer's historical late share).",
                    "Writes the model directory: classifier.tribuo, days-late.tribuo, model.json, provenance.json."},
            footer = {"", Arscope.EXIT_CODES})
    static final class Train implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        SharedOptions.IngestOutput input;
        @Option(names = "--model", converter = SharedOptions.AbsolutePath.class,
                required = true, description = "Model directory to write; published when "
                + "complete, as --output is for the other commands.")
        Path model;
        @Mixin
        SharedOptions.AsOf asOf;
        @Mixin
        Settings settings;
        @Mixin
        SharedOptions.Spark spark;
        @Mixin
        SharedOptions.Config config;

        /** The options that tune training, as the command and the config file's section 'train' give them. */
        static final class Settings {
            @Option(names = "--grace-days", defaultValue = "0", description = "Late means paid more than this many "
                    + "days after due. Default: ${DEFAULT-VALUE}.")
            int graceDays;
            @Option(names = "--seed", defaultValue = "42", description = "Seed. Default: ${DEFAULT-VALUE}.")
            long seed;
            @Mixin
            SharedOptions.Currency currency = new SharedOptions.Currency();

            TrainOptions options(String input, Path model, LocalDate asOf) {
                return new TrainOptions(input, model, asOf, RiskConfig.DEFAULT.withGraceDays(graceDays)
                        .withSeed(seed), currency.reportingCurrency);
            }
        }

        @Override
        public Integer call() {
            return JobRunner.of(spec).run(new TrainJob(), () -> settings.options(input.input, model, asOf.asOf),
                    spark.master);
        }
    }

    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = "Evaluates a model on invoices issued from a date whose outcome is known, beside the "
                    + "baseline. Default window: every invoice issued from the start of the model's test window "
                    + "whose outcome is known by --as-of (so also those issued after the window, once their outcome "
                    + "is known).",
            footer = {"", Arscope.EXIT_CODES})
    static final class Evaluate implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        SharedOptions.IngestOutput input;
        @Option(names = "--model", converter = SharedOptions.AbsolutePath.class,
                required = true, description = "Model directory.")
        Path model;
        @Mixin
        SharedOptions.AsOf asOf;
        @Option(names = "--from", description = "First invoice date to evaluate on. Default: the first day of the "
                + "model's test window.")
        LocalDate from;
        @Mixin
        SharedOptions.Currency currency;
        @Mixin
        SharedOptions.Spark spark;
        @Mixin
        SharedOptions.Config config;

        @Override
        public Integer call() {
            return JobRunner.of(spec).run(new EvaluateJob(), () -> new EvaluateOptions(input.input, model, asOf.asOf,
                    from, currency.reportingCurrency), spark.master);
        }
    }

    @Command(name = "score", mixinStandardHelpOptions = true,
            description = {"Scores every invoice open at the as-of date: probability of paying late, expected days "
                    + "late, risk band and the top three reasons in words. A model that does not beat the baseline "
                    + "(the customer's own past late share) on its validation window by --gate-margin is refused: "
                    + "the scores are the baseline's, and the command ends with exit 7 (published with warnings).",
                    "Writes scores/ (Parquet), scores.csv and score-run.json under --output."},
            footer = {"", Arscope.EXIT_CODES})
    static final class Score implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        SharedOptions.IngestOutput input;
        @Option(names = "--model", converter = SharedOptions.AbsolutePath.class,
                required = true, description = "Model directory.")
        Path model;
        @Mixin
        SharedOptions.Output output;
        @Mixin
        SharedOptions.AsOf asOf;
        @Mixin
        SharedOptions.Currency currency;
        @Mixin
        Settings settings;
        @Mixin
        SharedOptions.Spark spark;
        @Mixin
        SharedOptions.Config config;

        /** The options that tune scoring, as the command and the config file's section 'score' give them. */
        static final class Settings {
            @Option(names = "--gate-margin", defaultValue = "0.01", description = "The model's scores are published "
                    + "only when its share of the late amount among the riskiest 20%% of validation invoices beats "
                    + "the baseline's by at least this much (0.01 is one percentage point); else the baseline's "
                    + "ranking is used and the command ends with exit 7. Default: ${DEFAULT-VALUE}.")
            double gateMargin;

            ScoreOptions options(String input, Path model, LocalDate asOf, String output, String reportingCurrency) {
                return new ScoreOptions(input, model.toAbsolutePath().normalize(), asOf, output, reportingCurrency,
                        gateMargin);
            }
        }

        @Override
        public Integer call() {
            return JobRunner.of(spec).run(new ScoreJob(), () -> settings.options(input.input, model, asOf.asOf,
                    output.output, currency.reportingCurrency), spark.master);
        }
    }
}
