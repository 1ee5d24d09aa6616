package io.arscope.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

import io.arscope.metrics.AgingBuckets;
import io.arscope.metrics.DayCount;
import io.arscope.metrics.MetricsJob;
import io.arscope.metrics.MetricsOptions;
import io.arscope.metrics.PeriodMetrics;
import io.arscope.metrics.TrendConfig;
import io.arscope.run.SparkSessions;
import picocli.CommandLine.Command;
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
        footer = {"", "Exit codes: 0 ok, 1 unexpected failure, 2 usage error, 3 input missing (run ingest first)."})
final class MetricsCommand implements Callable<Integer> {

    // A String, not a Path: Path.of("hdfs://nn/x") collapses the "//" and the URI no longer names the cluster's files.
    @Option(names = "--input", required = true, description = "Folder an ingest run wrote (holding canonical/).")
    String input;

    @Option(names = "--output", required = true, description = "Folder for the outputs; replaced on rerun.")
    String output;

    @Option(names = "--as-of", description = "As-of date (yyyy-MM-dd). Default: the latest business date in the data.")
    LocalDate asOf;

    @Option(names = "--buckets", defaultValue = "30,60,90",
            description = "Upper bounds of the past-due aging buckets in days. Default: ${DEFAULT-VALUE} "
                    + "(current, 1-30, 31-60, 61-90, 91+).")
    String buckets;

    @Option(names = "--dimensions", split = ",", defaultValue = "segment,region,business_unit,collector",
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

    @Option(names = "--trend-months", defaultValue = "12",
            description = "Months in each trend regression. Default: ${DEFAULT-VALUE}.")
    int trendMonths;

    @Option(names = "--master", description = "Spark master URL. Default: spark-submit's, else local[*].")
    String master;

    @Option(names = "--config", description = "YAML file with defaults for these options, in a section 'metrics'.")
    Path config;

    @Override
    public Integer call() {
        MetricsOptions options;
        try {
            options = new MetricsOptions(input, output, asOf, AgingBuckets.parse(buckets), dimensions,
                    dayCount, graceDays, rollMonths, overlay, new TrendConfig(trendMonths, 0.95, 12));
        } catch (IllegalArgumentException e) {
            System.err.println("arscope metrics: " + e.getMessage());
            return ExitCode.USAGE;
        }
        if (EarlierOutput.missing(input, "canonical/invoices")) {
            System.err.println("arscope metrics: " + input + " holds no canonical/invoices; run arscope ingest first "
                    + "and pass its --output folder here");
            return ExitCode.INPUT;
        }
        long start = System.nanoTime();
        try (SparkSessions.Scoped spark = SparkSessions.open("arscope-metrics", master)) {
            MetricsJob.Outcome outcome = MetricsJob.run(spark.session(), options);
            PeriodMetrics.Period latest = outcome.totalPeriods().stream()
                    .filter(p -> p.periodType().equals("month")).reduce((a, b) -> b).orElse(null);
            if (latest != null) {
                System.out.printf("%s: ending AR %,.2f, DSO %.1f (countback %.1f), BPDSO %.1f, DDSO %.1f, CEI %.1f%%%n",
                        latest.period(), latest.endingAr(), nan(latest.dsoStandard()), nan(latest.dsoCountback()),
                        nan(latest.bpdsoCountback()), nan(latest.ddsoCountback()), nan(latest.cei()));
            }
            System.out.printf("expected credit loss as of %s: %,.2f%n", outcome.asOf(), outcome.ecl());
            if (outcome.rollsAboveOne() > 0) {
                System.err.printf("arscope metrics: warning: %d monthly roll rates above 1 (items re-aged or buckets "
                        + "mixed); see %s/roll_rates.csv%n", outcome.rollsAboveOne(), output);
            }
            System.out.printf("metrics: as of %s (months to %s) in %.1f s; outputs in %s%n", outcome.asOf(),
                    outcome.lastMonthEnd(), (System.nanoTime() - start) / 1e9, output);
            return ExitCode.OK;
        } catch (IllegalArgumentException e) {
            System.err.println("arscope metrics: " + e.getMessage());
            return ExitCode.USAGE;
        } catch (java.io.IOException e) {
            System.err.println("arscope metrics: I/O failure: " + e.getMessage());
            return ExitCode.FAILURE;
        }
    }

    private static double nan(Double value) {
        return value == null ? Double.NaN : value;
    }
}
