package io.arscope.metrics;

/**
 * How much history {@link Trends} looks at. A year of months by default, so that one seasonal cycle is in the
 * trend and in the "usual range", and a 95% interval, the level a finance reader expects without being told.
 *
 * @param window      calendar months, ending at the latest defined month, whose values the trend is fitted to
 * @param confidence  confidence level of the slope interval, strictly between 0 and 1
 * @param rangeWindow calendar months before the latest one whose values make the "usual range"
 */
public record TrendConfig(int window, double confidence, int rangeWindow) {

    public static final TrendConfig DEFAULT = new TrendConfig(12, 0.95, 12);

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
