package io.arscope.job;

/**
 * How a job's summary lines show a figure: formatted when it has a value, else "n/a" and why. A ratio over
 * nothing (DSO in a month without credit sales) has no value; printing it as NaN, Infinity or 0 would tell a
 * reader either nothing or something false.
 */
public final class SummaryFigure {

    private SummaryFigure() {
    }

    /**
     * @param value  the figure; null, NaN and infinite mean it has no value
     * @param format a {@link String#format} pattern for one double, such as {@code "%.1f"}
     * @param why    what is missing, such as "no credit sales in 2019-08"
     */
    public static String of(Double value, String format, String why) {
        return value == null || !Double.isFinite(value) ? "n/a (" + why + ")" : String.format(format, value);
    }

    /** A share (0.25) shown as a percentage through {@code format} (such as {@code "%.1f%%"}), or n/a and why. */
    public static String percent(Double share, String format, String why) {
        return of(share == null ? null : share * 100, format, why);
    }
}
