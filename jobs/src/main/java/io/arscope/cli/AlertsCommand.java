package io.arscope.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;

import io.arscope.alerts.AlertsJob;
import io.arscope.alerts.AlertsOptions;
import io.arscope.alerts.DaysLateJumps;
import io.arscope.alerts.MetricRanges;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code arscope alerts}: what changed since the previous run. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = {"Lists what changed since the previous run: customers whose risk band rose, customers whose "
                + "days late jumped, promises to pay broken since, portfolio metrics (DSO, CEI, past-due share) "
                + "outside their recent range, and the model's drift (the population stability index of today's "
                + "scores against its validation scores). Without --previous-scores the alerts that need an earlier "
                + "run say so once. Alerts never fail a run.",
                "",
                "Outputs under --output (Parquet, and CSV beside it for people): alerts; alerts-run.json."},
        footer = {"", Arscope.EXIT_CODES})
final class AlertsCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    SharedOptions.IngestOutput input;

    @Option(names = "--metrics", converter = SharedOptions.AbsoluteLocation.class,
            required = true, description = "Folder the arscope metrics run of the day wrote.")
    String metrics;

    @Option(names = "--scores", converter = SharedOptions.AbsoluteLocation.class,
            required = true, description = "Folder the arscope score run of the day wrote.")
    String scores;

    @Option(names = "--previous-scores", converter = SharedOptions.AbsoluteLocation.class,
            description = "Folder the arscope score run of the previous run wrote "
            + "(optional; without it, no risk-band rises or newly broken promises).")
    String previousScores;

    @Mixin
    SharedOptions.Output output;
    @Mixin
    SharedOptions.AsOf asOf;
    @Mixin
    Settings settings;
    @Mixin
    SharedOptions.Spark spark;
    @Mixin
    SharedOptions.Config config;

    /** The thresholds of the alerts, as the command and the config file's section 'alerts' give them. */
    static final class Settings {
        @Option(names = "--days-late-jump", defaultValue = "" + DaysLateJumps.DEFAULT_JUMP, description = "Days by "
                + "which a customer's average days late over the invoices paid in the last 30 days must exceed its "
                + "average over the year before to be alerted. Default: ${DEFAULT-VALUE}.")
        int daysLateJump;

        @Option(names = "--range-sd", defaultValue = "" + MetricRanges.DEFAULT_SD, description = "Standard "
                + "deviations either side of its mean over the 12 months before that a metric's range reaches. "
                + "Default: ${DEFAULT-VALUE}.")
        double rangeSd;

        AlertsOptions options(String input, String metrics, String scores, String previousScores, LocalDate asOf,
                String output) {
            return new AlertsOptions(input, metrics, scores, previousScores, asOf, output, daysLateJump, rangeSd);
        }
    }

    @Override
    public Integer call() {
        return JobRunner.of(spec).run(new AlertsJob(), () -> settings.options(input.input, metrics, scores,
                previousScores, asOf.asOf, output.output), spark.master);
    }
}
