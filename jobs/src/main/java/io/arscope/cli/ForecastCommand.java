package io.arscope.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

import io.arscope.forecast.DsoForecast;
import io.arscope.forecast.ForecastBacktest;
import io.arscope.forecast.ForecastJob;
import io.arscope.forecast.ForecastOptions;
import io.arscope.run.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code arscope forecast}: weekly cash collections and month-end DSO ahead, with the forecast's own backtest. */
@Command(name = "forecast", mixinStandardHelpOptions = true,
        description = {"Forecasts cash collections by week after the as-of date (from the invoices open then, along "
                + "settlement curves learnt from history, plus collections on expected new sales) with a prediction "
                + "interval, and standard DSO at the next three month-ends. The same forecast is made again at weekly "
                + "origins of the past year and compared with what was collected: WAPE, bias and interval coverage by "
                + "week ahead.",
                "",
                "Outputs under --output (Parquet, and CSV beside each): cash_forecast, dso_forecast, "
                        + "forecast_backtest, forecast_accuracy; forecast-run.json."},
        footer = {"", "Exit codes: 0 ok, 1 unexpected failure, 2 usage error, 3 input missing (run ingest first)."})
final class ForecastCommand implements Callable<Integer> {

    @Option(names = "--input", required = true, description = "Folder an ingest run wrote (holding canonical/).")
    String input;

    @Option(names = "--output", required = true, description = "Folder for the outputs; replaced on rerun.")
    String output;

    @Option(names = "--as-of", description = "Origin of the forecast (yyyy-MM-dd). Default: the latest business "
            + "date in the data.")
    LocalDate asOf;

    @Option(names = "--segment-by", description = "Customer or invoice column whose values get settlement curves of "
            + "their own (e.g. segment). Default: one curve for all.")
    String segmentBy;

    @Option(names = "--weeks", defaultValue = "13", description = "Weeks to forecast. Default: ${DEFAULT-VALUE}.")
    int weeks;

    @Option(names = "--backtest-weeks", defaultValue = "52",
            description = "Weekly origins before the as-of date forecast again and compared with what was collected; "
                    + "their errors give the interval. Default: ${DEFAULT-VALUE}.")
    int backtestWeeks;

    @Option(names = "--interval", defaultValue = "0.8",
            description = "Coverage the prediction interval aims at. Default: ${DEFAULT-VALUE}.")
    double interval;

    @Option(names = "--sales-weeks", defaultValue = "13",
            description = "Trailing weeks of credit sales whose daily mean is the expected new sales. "
                    + "Default: ${DEFAULT-VALUE}.")
    int salesWeeks;

    @Option(names = "--history-days", defaultValue = "365",
            description = "Calendar days before each origin whose payments the settlement curves are estimated from. "
                    + "Default: ${DEFAULT-VALUE}.")
    int historyDays;

    @Option(names = "--master", description = "Spark master URL. Default: spark-submit's, else local[*].")
    String master;

    @Option(names = "--config", description = "YAML file with defaults for these options, in a section 'forecast'.")
    Path config;

    @Override
    public Integer call() {
        ForecastOptions options;
        try {
            ForecastOptions d = ForecastOptions.defaults(input, output, asOf, segmentBy);
            options = new ForecastOptions(d.input(), d.output(), d.asOf(), d.segmentBy(), d.minSegmentInvoices(),
                    weeks, backtestWeeks, interval, d.minCalibration(), salesWeeks, historyDays, d.earliestOffset(),
                    d.maxDaysPastDue(), Math.max(d.newInvoiceDays(), 7 * weeks));
        } catch (IllegalArgumentException e) {
            System.err.println("arscope forecast: " + e.getMessage());
            return ExitCode.USAGE;
        }
        if (EarlierOutput.missing(input, "canonical/invoices")) {
            System.err.println("arscope forecast: " + input + " holds no canonical/invoices; run arscope ingest first "
                    + "and pass its --output folder here");
            return ExitCode.INPUT;
        }
        long start = System.nanoTime();
        try (SparkSessions.Scoped spark = SparkSessions.open("arscope-forecast", master)) {
            ForecastJob.Outcome o = ForecastJob.run(spark.session(), options);
            double total = o.weeks().stream().mapToDouble(ForecastJob.Week::expected).sum();
            System.out.printf("as of %s: open AR %,.2f; expected cash over %d weeks %,.2f%n", o.asOf(), o.openAr(),
                    options.weeks(), total);
            for (DsoForecast.MonthEnd m : o.dso()) {
                System.out.printf("  %s: ending AR %,.2f, DSO %.1f%n", m.monthEnd(), m.endingAr(),
                        m.dso() == null ? Double.NaN : m.dso());
            }
            for (ForecastBacktest.Accuracy a : o.accuracy()) {
                if (a.week() == 1 || a.week() == 4 || a.week() == options.weeks()) {
                    System.out.printf("  backtest week %d ahead: %d origins, WAPE %s, interval coverage %s (%d)%n",
                            a.week(), a.origins(), percent(a.wape()), percent(a.coverage()), a.withInterval());
                }
            }
            System.out.printf("forecast: as of %s in %.1f s; outputs in %s%n", o.asOf(),
                    (System.nanoTime() - start) / 1e9, output);
            return ExitCode.OK;
        } catch (IllegalArgumentException e) {
            System.err.println("arscope forecast: " + e.getMessage());
            return ExitCode.USAGE;
        } catch (java.io.IOException e) {
            System.err.println("arscope forecast: I/O failure: " + e.getMessage());
            return ExitCode.FAILURE;
        }
    }

    private static String percent(Double share) {
        return share == null ? "n/a" : String.format("%.1f%%", share * 100);
    }
}
