package io.arscope.cli;

import java.util.concurrent.Callable;

import io.arscope.report.ReportJob;
import io.arscope.report.ReportOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code arscope report}: the CFO report as one self-contained HTML file. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Writes the CFO report, one HTML file that opens offline: headline KPIs with change vs last "
                + "month and last year, DSO/BPDSO/DDSO and CEI trends, aging, roll rates and the credit-loss "
                + "allowance, the cash forecast with its interval and backtest accuracy, and the customers with the "
                + "most money expected late, the customers to watch and the alerts since the last run.",
                "",
                "Outputs under --output: cfo-report.html, report-run.json."},
        footer = {"", Arscope.EXIT_CODES})
final class ReportCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--metrics", converter = SharedOptions.AbsoluteLocation.class,
            required = true, description = "Folder an arscope metrics run wrote.")
    String metrics;

    @Option(names = "--forecast", converter = SharedOptions.AbsoluteLocation.class,
            description = "Folder an arscope forecast run wrote (optional).")
    String forecast;

    @Option(names = "--worklist", converter = SharedOptions.AbsoluteLocation.class,
            description = "Folder an arscope worklist run wrote (optional).")
    String worklist;

    @Option(names = "--scores", converter = SharedOptions.AbsoluteLocation.class,
            description = "Folder an arscope score run wrote, for the customers to watch "
            + "(optional).")
    String scores;

    @Option(names = "--alerts", converter = SharedOptions.AbsoluteLocation.class,
            description = "Folder an arscope alerts run wrote, for the alerts since the last run "
            + "(optional).")
    String alerts;

    @Mixin
    SharedOptions.Output output;
    @Mixin
    Settings settings;
    @Mixin
    SharedOptions.Spark spark;
    @Mixin
    SharedOptions.Config config;

    /** The options that shape the report, as the command and the config file's section 'report' give them. */
    static final class Settings {
        @Option(names = "--title", defaultValue = "Receivables report", description = "Report title. "
                + "Default: ${DEFAULT-VALUE}.")
        String title;

        @Option(names = "--sales-scenario", defaultValue = "0.10", description = "The forecast's scenario band: "
                + "expected collections when new sales run this share below and above their trailing average. "
                + "Default: ${DEFAULT-VALUE}.")
        double salesScenario;
    }

    @Override
    public Integer call() {
        return JobRunner.of(spec).run(new ReportJob(), () -> new ReportOptions(metrics, forecast, worklist,
                output.output, settings.title, settings.salesScenario, scores, alerts), spark.master);
    }
}
