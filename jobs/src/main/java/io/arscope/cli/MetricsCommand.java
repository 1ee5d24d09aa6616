package io.arscope.cli;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

import io.arscope.ledger.AgingBuckets;
import io.arscope.metrics.DayCount;
import io.arscope.metrics.MetricsJob;
import io.arscope.metrics.MetricsOptions;
import io.arscope.metrics.TrendConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code arscope metrics}: receivables metrics, aging, trends and the credit-loss allowance. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"Computes receivables metrics from an ingest run's canonical tables: per month, quarter and "
                + "year and per slice (total and each dimension value) the DSO family, CEI, ADD, collections, "
                + "on-time and dispute rates, bad-debt ratio; trends of each; aging as of the as-of date by "
                + "invoice, customer and slice; cohort collection curves; roll rates and the expected-credit-loss "
                + "allowance.",
                "",
                "Outputs under --output (Parquet, and CSV beside each for people): period_metrics, trends, "
                        + "open_items (Parquet only), aging_by_customer, aging_by_slice, cohort_curves, roll_rates, "
                        + "provision_matrix; metrics-run.json."},
        footer = {"", Arscope.EXIT_CODES})
final class MetricsCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    SharedOptions.IngestOutput input;
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

    /** The options that tune the metrics, as the command and the config file's section 'metrics' give them. */
    static final class Settings {
        @Option(names = "--buckets", defaultValue = "30,60,90",
                description = "Upper bounds of the past-due aging buckets in days. Default: ${DEFAULT-VALUE} "
                        + "(current, 1-30, 31-60, 61-90, 91+).")
        String buckets;

        @Option(names = "--dimensions", split = ",", defaultValue = MetricsOptions.DEFAULT_DIMENSIONS_TEXT,
                description = "Customer or invoice columns to slice by, besides the total. Default: ${DEFAULT-VALUE}.")
        List<String> dimensions;

        @Option(names = "--day-count", defaultValue = "ACTUAL",
                description = "Days per month in DSO ratios: ACTUAL (calendar) or THIRTY. Default: ${DEFAULT-VALUE}.")
        DayCount dayCount;

        @Option(names = "--grace-days", defaultValue = "0",
                description = "Days after due still counted as on time. Default: ${DEFAULT-VALUE}.")
        int graceDays;

        @Option(names = "--roll-months", defaultValue = "12",
                description = "Recent months of roll rates the provision matrix averages. Default: ${DEFAULT-VALUE}.")
        int rollMonths;

        @Option(names = "--ecl-overlay", defaultValue = "1.0",
                description = "Forward-looking factor on the expected credit loss. Default: ${DEFAULT-VALUE}.")
        double overlay;

        @Mixin
        SharedOptions.Currency currency = new SharedOptions.Currency();

        @Option(names = "--trend-months", defaultValue = "13",
                description = "Months in each trend regression, the latest included. Default: ${DEFAULT-VALUE} (the "
                        + "latest and the year before it).")
        int trendMonths;

        MetricsOptions options(String input, String output, LocalDate asOf) {
            return new MetricsOptions(input, output, asOf, AgingBuckets.parse(buckets), dimensions, dayCount,
                    graceDays, rollMonths, overlay, new TrendConfig(trendMonths, 0.95, 12), currency.reportingCurrency);
        }
    }

    @Override
    public Integer call() {
        return JobRunner.of(spec).run(new MetricsJob(), () -> settings.options(input.input, output.output, asOf.asOf),
                spark.master);
    }
}
