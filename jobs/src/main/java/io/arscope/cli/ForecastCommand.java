package io.arscope.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;

import io.arscope.forecast.ForecastJob;
import io.arscope.forecast.ForecastOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
        footer = {"", Arscope.EXIT_CODES})
final class ForecastCommand implements Callable<Integer> {
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

    /** The options that tune the forecast, as the command and the config file's section 'forecast' give them. */
    static final class Settings {
        @Option(names = "--segment-by", description = "Customer or invoice column whose values get settlement curves "
                + "of their own (e.g. segment). Default: one curve for all.")
        String segmentBy;

        @Option(names = "--weeks", defaultValue = "13", description = "Weeks to forecast. Default: ${DEFAULT-VALUE}.")
        int weeks;

        @Option(names = "--backtest-weeks", defaultValue = "52",
                description = "Weekly origins before the as-of date forecast again and compared with what was "
                        + "collected, whose interval coverage is reported. Default: ${DEFAULT-VALUE}.")
        int backtestWeeks;

        @Option(names = "--calibration-weeks", defaultValue = "52",
                description = "Further weekly origins before those, forecast again only for their errors, which "
                        + "calibrate the interval together with the backtest's. Default: ${DEFAULT-VALUE}.")
        int calibrationWeeks;

        @Option(names = "--interval", defaultValue = "0.8",
                description = "Coverage the prediction interval aims at. Default: ${DEFAULT-VALUE}.")
        double interval;

        @Option(names = "--interval-adaptation", defaultValue = "0.02",
                description = "How fast each side of the interval follows drifting errors: after an earlier origin's "
                        + "actual fell beyond a side, that side widens; 0 for the plain conformal interval. "
                        + "Default: ${DEFAULT-VALUE}.")
        double intervalAdaptation;

        @Option(names = "--sales-weeks", defaultValue = "13",
                description = "Trailing weeks of credit sales whose daily mean is the expected new sales. "
                        + "Default: ${DEFAULT-VALUE}.")
        int salesWeeks;

        @Option(names = "--history-days", defaultValue = "365",
                description = "Calendar days before each origin whose payments the settlement curves are estimated "
                        + "from. Default: ${DEFAULT-VALUE}.")
        int historyDays;

        @Mixin
        SharedOptions.Currency currency = new SharedOptions.Currency();

        ForecastOptions options(String input, String output, LocalDate asOf) {
            ForecastOptions d = ForecastOptions.defaults(input, output, asOf, segmentBy);
            return new ForecastOptions(d.input(), d.output(), d.asOf(), d.segmentBy(), d.minSegmentInvoices(),
                    weeks, backtestWeeks, calibrationWeeks, interval, d.minCalibration(), salesWeeks, historyDays, d.earliestOffset(),
                    d.maxDaysPastDue(), Math.max(d.newInvoiceDays(), 7 * weeks), currency.reportingCurrency,
                    intervalAdaptation);
        }
    }

    @Override
    public Integer call() {
        return JobRunner.of(spec).run(new ForecastJob(), () -> settings.options(input.input, output.output, asOf.asOf),
                spark.master);
    }
}
