package io.arscope.report;

import static io.arscope.report.Html.paragraph;
import static io.arscope.run.HtmlText.escape;

import java.util.List;
import java.util.Objects;

/**
 * What a reader of the cash forecast must know before using it: its bias in its own backtest, the share of it that
 * comes from sales not yet made, and the range when those sales run a given share below or above their average.
 */
final class ForecastCaveats {

    private ForecastCaveats() {
    }

    /** A sentence on the backtest's bias at every horizon, or why there is none. */
    static String bias(List<ReportData.Accuracy> accuracy) {
        List<Double> biases = accuracy.stream().map(ReportData.Accuracy::bias).filter(Objects::nonNull).toList();
        if (biases.isEmpty()) {
            return "Its backtest has no bias yet (no cash came in at any origin).";
        }
        long high = biases.stream().filter(b -> b > 0).count();
        long low = biases.stream().filter(b -> b < 0).count();
        String range = biases.size() == 1 ? FinanceFormat.share(biases.get(0))
                : "from " + FinanceFormat.share(biases.stream().min(Double::compare).get()) + " to "
                        + FinanceFormat.share(biases.stream().max(Double::compare).get());
        String all = biases.size() == 1 ? "its one horizon" : "all " + biases.size() + " horizons";
        String direction = high == biases.size() ? "biased high at " + all
                : low == biases.size() ? "biased low at " + all
                : "biased high at " + high + " and low at " + low + " of " + biases.size() + " horizons";
        return "In its backtest the forecast was " + direction + " (bias " + range
                + (high == biases.size() ? "; expect less cash than shown" : low == biases.size()
                        ? "; expect more cash than shown" : "") + ").";
    }

    /** The share from new sales and the scenario band, then the bias. */
    static String of(ReportData.Forecast f, double salesScenario) {
        double fromOpen = f.weeks().stream().mapToDouble(ReportData.Week::fromOpen).sum();
        double fromNew = f.weeks().stream().mapToDouble(ReportData.Week::fromNewSales).sum();
        double expected = fromOpen + fromNew;
        String share = expected == 0 ? FinanceFormat.notAvailable("nothing expected")
                : FinanceFormat.share(fromNew / expected);
        String x = FinanceFormat.share(salesScenario);
        return paragraph(escape(FinanceFormat.money(fromNew) + " (" + share + ") of it comes from sales not "
                + "yet made, at the trailing average rate. If new sales run " + x + " below or above that average, "
                + "expected collections are " + FinanceFormat.money(fromOpen + fromNew * (1 - salesScenario)) + " to "
                + FinanceFormat.money(fromOpen + fromNew * (1 + salesScenario)) + ". " + bias(f.accuracy())));
    }
}
