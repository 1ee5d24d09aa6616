package io.arscope.report;

import static io.arscope.report.Html.bulletList;
import static io.arscope.report.Html.h2;
import static io.arscope.report.Html.line;
import static io.arscope.report.Html.note;
import static io.arscope.run.HtmlText.escape;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The total portfolio's trends that pass their test, stated in words: "BPDSO (countback) is rising 0.40 days a month
 * (p=0.006): 35.1 in 2026-10 against 30.2 a year before." A trend is stated only when the two-sided p-value of its
 * slope is below {@link #LEVEL}; a metric the report has no words for is left out.
 */
final class SignificantTrends {

    /** The significance level of a trend's slope test. */
    static final double LEVEL = 0.05;

    /** How a metric of the trends table is named and how its values read. */
    private record Wording(String name, Function<Double, String> value, double slopeScale, String slopeUnit) {
    }

    private static final Map<String, Wording> WORDINGS = new LinkedHashMap<>();

    static {
        WORDINGS.put("dso_countback", days("DSO (countback)"));
        WORDINGS.put("bpdso_countback", days("BPDSO (countback)"));
        WORDINGS.put("ddso_countback", days("DDSO (countback)"));
        WORDINGS.put("dso_standard", days("DSO (standard)"));
        WORDINGS.put("cei", new Wording("CEI", FinanceFormat::percent, 1, "pts"));
        WORDINGS.put("past_due_share", share("The past-due share of AR"));
        WORDINGS.put("on_time_rate_amount", share("The on-time rate by amount"));
        WORDINGS.put("dispute_rate", share("The dispute rate"));
        WORDINGS.put("add_past_due", days("Average days delinquent of past-due AR"));
        WORDINGS.put("avg_days_to_pay", days("Average days to pay"));
        WORDINGS.put("wadl", days("Weighted average days late"));
    }

    private static Wording days(String name) {
        return new Wording(name, FinanceFormat::days, 1, "days");
    }

    private static Wording share(String name) {
        return new Wording(name, FinanceFormat::share, 100, "pts");
    }

    private SignificantTrends() {
    }

    /** The sentences of the significant trends, in the order of {@link #WORDINGS}. */
    static List<String> sentences(List<ReportData.Trend> trends) {
        List<String> out = new ArrayList<>();
        WORDINGS.forEach((metric, wording) -> trends.stream().filter(t -> t.metric().equals(metric)).findFirst()
                .filter(SignificantTrends::significant).ifPresent(t -> out.add(sentence(t, wording))));
        return out;
    }

    static boolean significant(ReportData.Trend t) {
        return t.pValue() != null && t.slopePerMonth() != null && t.pValue() < LEVEL && t.slopePerMonth() != 0;
    }

    private static String sentence(ReportData.Trend t, Wording w) {
        String slope = String.format(Locale.US, "%.2f", Math.abs(t.slopePerMonth()) * w.slopeScale());
        // The slope is fitted over the months from a year before to the latest (--trend-months, 13 by default); its
        // two ends alone may still have moved the other way, and a reader who sees "rising" beside a lower figure
        // than a year before must be told it is not a misprint.
        String then = Optional.ofNullable(t.yearAgo()).map(y -> " against " + w.value().apply(y) + " a year before"
                + (Math.signum(t.latest() - y) == -Math.signum(t.slopePerMonth())
                        ? ", the other way over the latest year" : ""))
                .orElse(", with no value a year before");
        return w.name() + " is " + (t.slopePerMonth() > 0 ? "rising " : "falling ") + slope + " " + w.slopeUnit()
                + " a month (slope p" + pValue(t.pValue()) + ", " + t.points() + " months): "
                + w.value().apply(t.latest()) + " in " + t.latestMonth() + then + ".";
    }

    private static String pValue(double p) {
        return p < 0.001 ? "<0.001" : String.format(Locale.US, "=%.3f", p);
    }

    /** The section of the page: the sentences, or a note that no trend passed its test. */
    static String section(List<ReportData.Trend> trends) {
        List<String> said = sentences(trends);
        String test = "A trend is stated when the slope of its monthly series differs from zero at p < " + LEVEL
                + " (two-sided t-test on the least-squares slope).";
        return Html.section("trend-tests", line(h2("Significant trends")),
                line(said.isEmpty() ? note(escape("No trend of the total portfolio passes its test. " + test))
                        : bulletList(said) + note(escape(test))));
    }
}
