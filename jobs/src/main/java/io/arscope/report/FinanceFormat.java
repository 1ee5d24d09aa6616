package io.arscope.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.function.Function;

import io.arscope.job.SummaryFigure;
import io.arscope.risk.Reasons;

/**
 * Numbers as finance people read them: whole currency units with thousands separators and negatives in
 * parentheses, compact amounts on chart axes (1.2M, 350k), shares as percentages with one decimal, days with one
 * decimal. A missing value is "n/a", with the reason where the report knows it ("n/a (no credit sales in
 * 2026-10)"), never 0 or a blank.
 */
public final class FinanceFormat {

    public static final String NOT_AVAILABLE = SummaryFigure.NOT_AVAILABLE;

    private FinanceFormat() {
    }

    /** "n/a (why)": what the report shows for a value that is missing, and why it is ({@link SummaryFigure}). */
    public static String notAvailable(String why) {
        return SummaryFigure.notAvailable(why);
    }

    /** {@code value} as {@code format} gives it, or {@link #notAvailable} with {@code why} where it is missing. */
    public static String orWhy(Double value, Function<Double, String> format, String why) {
        return SummaryFigure.of(value, format, why);
    }

    /** 1234567.8 as "1,234,568"; -1500 as "(1,500)". */
    public static String money(Double amount) {
        return amount(amount, 0, "#,##0");
    }

    /**
     * 1234567.8 as "1,234,567.80"; -1500 as "(1,500.00)": for a table whose rows a reader adds up, which closes to
     * the cent and would not once each figure is rounded to the unit.
     */
    public static String cents(Double amount) {
        return amount(amount, 2, "#,##0.00");
    }

    /** An amount rounded once to {@code scale} decimals, negatives in brackets; n/a when missing. */
    private static String amount(Double amount, int scale, String pattern) {
        if (amount == null || amount.isNaN()) {
            return NOT_AVAILABLE;
        }
        BigDecimal rounded = BigDecimal.valueOf(amount).setScale(scale, RoundingMode.HALF_EVEN);
        String digits = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.US)).format(rounded.abs());
        return rounded.signum() < 0 ? "(" + digits + ")" : digits;
    }

    /** 1250000 as "1.3M", 350000 as "350k", 950 as "950". */
    public static String compact(double amount) {
        double a = Math.abs(amount);
        String sign = amount < 0 ? "-" : "";
        if (a >= 1e9) {
            return sign + trim(a / 1e9) + "bn";
        }
        if (a >= 1e6) {
            return sign + trim(a / 1e6) + "M";
        }
        if (a >= 1e3) {
            return sign + trim(a / 1e3) + "k";
        }
        return sign + trim(a);
    }

    private static String trim(double v) {
        String s = String.format(Locale.US, v >= 100 ? "%.0f" : "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** A share (0.123) as "12.3%". */
    public static String share(Double share) {
        return share == null || share.isNaN() ? NOT_AVAILABLE : String.format(Locale.US, "%.1f%%", share * 100);
    }

    /**
     * A loss rate as "0.26%": to a hundredth of a percent, since the rate times the balance must give the expected
     * loss beside it, and a current bucket's 0.2576% shown as 0.3% is off by a sixth.
     */
    public static String lossRate(Double share) {
        return share == null || share.isNaN() ? NOT_AVAILABLE : String.format(Locale.US, "%.2f%%", share * 100);
    }

    /** A value already in percent (73.3) as "73.3%". */
    public static String percent(Double percent) {
        return percent == null || percent.isNaN() ? NOT_AVAILABLE : String.format(Locale.US, "%.1f%%", percent);
    }

    /** Days to one decimal. */
    public static String days(Double days) {
        return days == null || days.isNaN() ? NOT_AVAILABLE : String.format(Locale.US, "%.1f", days);
    }

    /**
     * Days past due as people read them: a count when past due ("22"); before the due date, when it falls due instead
     * of a negative count: "current (due in 3 days)", "current (due today)".
     */
    public static String daysPastDue(int days) {
        return days > 0 ? String.format(Locale.US, "%,d", days) : "current (" + notYetDue(days) + ")";
    }

    /** When something not yet past due (days past due 0 or less) falls due: "due today", "due in 3 days". */
    public static String notYetDue(int daysPastDue) {
        return daysPastDue == 0 ? "due today" : "due in " + Reasons.days(-daysPastDue);
    }

    /** A change with its sign: "+1.2", "-0.8", "0.0". */
    public static String signed(Double change) {
        if (change == null || change.isNaN()) {
            return NOT_AVAILABLE;
        }
        String s = String.format(Locale.US, "%+.1f", change);
        return s.equals("-0.0") || s.equals("+0.0") ? "0.0" : s;
    }
}
