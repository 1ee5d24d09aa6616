package io.arscope.job;

import java.util.function.Function;

/**
 * How anything a person reads shows a figure: formatted when it has a value, else "n/a" and why. A ratio over
 * nothing (DSO in a month without credit sales) has no value; printing it as NaN, Infinity or 0 would tell a
 * reader either nothing or something false. Jobs' summary lines and the CFO report both show figures this way.
 */
public final class SummaryFigure {

    /** What stands for a figure without a value. */
    public static final String NOT_AVAILABLE = "n/a";

    private SummaryFigure() {
    }

    /** "n/a (why)": a figure that has no value, and why it has none. */
    public static String notAvailable(String why) {
        return NOT_AVAILABLE + " (" + why + ")";
    }

    /**
     * @param value  the figure; null, NaN and infinite mean it has no value
     * @param format how a value is shown
     * @param why    what is missing, such as "no credit sales in 2019-08"
     */
    public static String of(Double value, Function<Double, String> format, String why) {
        return value == null || !Double.isFinite(value) ? notAvailable(why) : format.apply(value);
    }

    /** {@link #of(Double, Function, String)} through a {@link String#format} pattern for one double ("%.1f"). */
    public static String of(Double value, String format, String why) {
        return of(value, v -> String.format(format, v), why);
    }

    /** A share (0.25) shown as a percentage through {@code format} (such as {@code "%.1f%%"}), or n/a and why. */
    public static String percent(Double share, String format, String why) {
        return of(share == null ? null : share * 100, format, why);
    }
}
