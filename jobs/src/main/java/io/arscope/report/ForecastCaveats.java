package io.arscope.report;

import static io.arscope.report.Html.paragraph;
import static io.arscope.run.HtmlText.escape;

import java.util.List;
import java.util.Objects;

/**
 * What a reader of the cash forecast must know before using it: its bias in its own backtest and how often its
 * interval held the cash that came in there, the share of it that comes from sales not yet made, and the range
 * when those sales run a given share below or above their average.
 */
final class ForecastCaveats {

    /** How far from its level an interval's coverage may be and still be said to keep it: five points. */
    static final double KEPT = 0.05;

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

    /**
     * A sentence on how often the interval held the cash that came in, by horizon, and whether that is within five
     * points of its level either way; empty when no horizon has an interval yet (the accuracy table says so).
     */
    static String coverage(List<ReportData.Accuracy> accuracy, double level) {
        List<Double> covered = accuracy.stream().map(ReportData.Accuracy::coverage).filter(Objects::nonNull).toList();
        if (covered.isEmpty()) {
            return "";
        }
        double low = level - KEPT;
        double high = level + KEPT;
        // Rounded as shown: a coverage that reads 75.0% is not called below 75.0%.
        long below = covered.stream().filter(c -> Math.round(c * 1000) < Math.round(low * 1000)).count();
        long above = covered.stream().filter(c -> Math.round(c * 1000) > Math.round(high * 1000)).count();
        String range = covered.size() == 1 ? FinanceFormat.share(covered.get(0)) + " of past weeks (its one horizon)"
                : "from " + FinanceFormat.share(covered.stream().min(Double::compare).get()) + " to "
                        + FinanceFormat.share(covered.stream().max(Double::compare).get())
                        + " of past weeks, by horizon";
        String of = " of " + covered.size() + " horizons";
        String verdict = below == 0 && above == 0 ? ""
                : above == 0 ? ", below " + FinanceFormat.share(low) + " at " + (below == covered.size()
                        ? (covered.size() == 1 ? "it" : "all " + covered.size()) : below + of)
                        + ": expect the cash to fall outside it more often than its level says"
                : below == 0 ? ", above " + FinanceFormat.share(high) + " at " + (above == covered.size()
                        ? (covered.size() == 1 ? "it" : "all " + covered.size()) : above + of)
                        + ": it is wider than it needs to be"
                : ", below " + FinanceFormat.share(low) + " at " + below + " and above " + FinanceFormat.share(high)
                        + " at " + above + of;
        return "Its " + Math.round(level * 100) + "% interval held the cash that came in " + range + verdict + ".";
    }

    /**
     * The share from new sales and the scenario band, then the bias and the interval's coverage.
     *
     * @param cutOff whether the latest month's invoices look cut (an export cut early): the trailing rate of sales
     *               takes that month in, and the sales not yet made may be understated
     */
    static String of(ReportData.Forecast f, double salesScenario, boolean cutOff) {
        double fromOpen = f.weeks().stream().mapToDouble(ReportData.Week::fromOpen).sum();
        double fromNew = f.weeks().stream().mapToDouble(ReportData.Week::fromNewSales).sum();
        double expected = fromOpen + fromNew;
        String share = expected == 0 ? FinanceFormat.notAvailable("nothing expected")
                : FinanceFormat.share(fromNew / expected);
        String x = FinanceFormat.share(salesScenario);
        String covered = coverage(f.accuracy(), f.intervalLevel());
        return paragraph(escape(FinanceFormat.money(fromNew) + " (" + share + ") of it comes from sales not "
                + "yet made, at the trailing average rate" + (cutOff ? ", which takes in the latest month, whose "
                        + "invoices look cut (see the note above the figures): it may be understated" : "")
                + ". If new sales run " + x + " below or above that average, "
                + "expected collections are " + FinanceFormat.money(fromOpen + fromNew * (1 - salesScenario)) + " to "
                + FinanceFormat.money(fromOpen + fromNew * (1 + salesScenario)) + ". " + bias(f.accuracy())
                + (covered.isEmpty() ? "" : " " + covered)));
    }
}
