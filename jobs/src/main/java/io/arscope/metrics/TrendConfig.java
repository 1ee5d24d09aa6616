package io.arscope.metrics;

/**
 * How much history {@link Trends} looks at. Thirteen months by default: the latest month and the twelve before it,
 * so that the slope is fitted over the very year it is read against ("40.4 in 2026-08 against 41.6 a year
 * before": with twelve, the year-ago value lay outside the fit, and a slope could rise while the year fell). A year
 * of months before the latest makes the "usual range", and the interval is at 95%, the level a finance reader
 * expects without being told.
 *
 * @param window      calendar months, ending at the latest defined month, whose values the trend is fitted to
 * @param confidence  confidence level of the slope interval, strictly between 0 and 1
 * @param rangeWindow calendar months before the latest one whose values make the "usual range"
 */
public record TrendConfig(int window, double confidence, int rangeWindow) {

    public static final TrendConfig DEFAULT = new TrendConfig(13, 0.95, 12);

    public TrendConfig {
        if (window < 3) {
            throw new IllegalArgumentException("trend window must be at least 3 months, was " + window);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be strictly between 0 and 1, was " + confidence);
        }
        if (rangeWindow < 3) {
            throw new IllegalArgumentException("range window must be at least 3 months, was " + rangeWindow);
        }
    }
}
