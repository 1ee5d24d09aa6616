package io.arscope.metrics;

import java.time.YearMonth;

/**
 * How many days a month counts for in day-based ratios (DSO and its family). {@code ACTUAL} uses calendar days;
 * {@code THIRTY} counts every month as 30 days, the convention of many finance textbooks and of the worked
 * examples in the metric definitions, which makes quarters 90 days.
 */
public enum DayCount {
    ACTUAL,
    THIRTY;

    public int days(YearMonth month) {
        return this == ACTUAL ? month.lengthOfMonth() : 30;
    }
}
