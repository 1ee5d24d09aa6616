package io.arscope.report;

import static io.arscope.report.Html.paragraph;
import static io.arscope.run.HtmlText.escape;

import java.util.List;
import java.util.Objects;

/**
 * What a reader of the cash forecast must know before using it: its bias in its own backtest and how often its
 * interval held the cash that came in there, the share of it that comes from sales not yet made, one invoice that is
 * most of the sales those are the mean of, and the range when those sales run a given share below or above their
 * average.
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
     * A sentence on how often the interval held the cash that came in, by horizon and over all horizons together,
     * and at which weeks ahead that is more than five points off its level either way; empty when no horizon has an
     * interval yet (the accuracy table says so). The weeks are named: "wider than it needs to be" said of the whole
     * interval when weeks 8 to 13 ran above 85% read as a safe range for week 1, which held 76.9%.
     */
    static String coverage(List<ReportData.Accuracy> accuracy, double level) {
        List<ReportData.Accuracy> known = accuracy.stream().filter(a -> a.coverage() != null).toList();
        if (known.isEmpty()) {
            return "";
        }
        List<Double> covered = known.stream().map(ReportData.Accuracy::coverage).toList();
        double low = level - KEPT;
        double high = level + KEPT;
        // Rounded as shown: a coverage that reads 75.0% is not called below 75.0%.
        List<Integer> below = known.stream().filter(a -> Math.round(a.coverage() * 1000) < Math.round(low * 1000))
                .map(ReportData.Accuracy::week).toList();
        List<Integer> above = known.stream().filter(a -> Math.round(a.coverage() * 1000) > Math.round(high * 1000))
                .map(ReportData.Accuracy::week).toList();
        String range;
        if (known.size() == 1) {
            range = FinanceFormat.share(covered.get(0)) + " of past weeks (its one horizon)";
        } else {
            long held = known.stream().mapToLong(a -> Math.round(a.coverage() * a.withInterval())).sum();
            long weeks = known.stream().mapToLong(ReportData.Accuracy::withInterval).sum();
            range = "from " + FinanceFormat.share(covered.stream().min(Double::compare).get()) + " to "
                    + FinanceFormat.share(covered.stream().max(Double::compare).get()) + " of past weeks, by horizon"
                    + (weeks == 0 ? "" : ", " + FinanceFormat.share((double) held / weeks) + " over "
                            + (known.size() == 2 ? "both" : "all " + known.size()) + " together");
        }
        String atBelow = "below " + FinanceFormat.share(low) + " at " + weeks(below, known.size());
        String atAbove = "above " + FinanceFormat.share(high) + " at " + weeks(above, known.size());
        String verdict = below.isEmpty() && above.isEmpty() ? ""
                : above.isEmpty() ? "; " + atBelow + ": expect the cash to fall outside it more often than its level "
                        + "says" + (known.size() == 1 ? "" : " there")
                : below.isEmpty() ? "; " + atAbove + ": " + (known.size() == 1 ? "it is" : "there it is")
                        + " wider than it needs to be"
                : "; " + atBelow + " and " + atAbove;
        return "Its " + Math.round(level * 100) + "% interval held the cash that came in " + range + verdict + ".";
    }

    /** "week 2", "weeks 1 and 3", "weeks 8, 9 and 10"; "it" for a forecast of one horizon. */
    private static String weeks(List<Integer> weeks, int horizons) {
        if (horizons == 1) {
            return "it";
        }
        if (weeks.size() <= 1) {
            return weeks.isEmpty() ? "" : "week " + weeks.get(0);
        }
        List<String> n = weeks.stream().map(String::valueOf).toList();
        return "weeks " + String.join(", ", n.subList(0, n.size() - 1)) + " and " + n.get(n.size() - 1);
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
        String concentration = f.salesConcentration() == null ? ""
                : Character.toUpperCase(f.salesConcentration().charAt(0)) + f.salesConcentration().substring(1) + ". ";
        return paragraph(escape(concentration + FinanceFormat.money(fromNew) + " (" + share + ") of it comes from "
                + "sales not yet made, at the trailing average rate" + (cutOff ? ", which takes in the latest month, whose "
                        + "invoices look cut (see the note above the figures): it may be understated" : "")
                + ". If new sales run " + x + " below or above that average, "
                + "expected collections are " + FinanceFormat.money(fromOpen + fromNew * (1 - salesScenario)) + " to "
                + FinanceFormat.money(fromOpen + fromNew * (1 + salesScenario)) + ". " + bias(f.accuracy())
                + (covered.isEmpty() ? "" : " " + covered)));
    }
}
