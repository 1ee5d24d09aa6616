package io.arscope.ingest;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The range an accepted value lies in. Dates, due dates included, lie between {@code earliest} and {@code latest}
 * (both accepted): placeholders such as {@code 0001-01-01} and {@code 9999-12-31} are rejected rather than aged or
 * written. Amounts are at most {@link #MAX_AMOUNT} either way, so that sums over any row count Arscope handles stay
 * exact.
 *
 * @param earliest the first date accepted; not before {@link #GREGORIAN_START}
 * @param latest   the last date accepted; not before {@code earliest}
 */
public record ValueBounds(LocalDate earliest, LocalDate latest) implements Serializable {

    /** The largest amount accepted, either sign: 999,999,999,999.99. */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");
    public static final LocalDate DEFAULT_EARLIEST = LocalDate.of(1900, 1, 1);
    public static final LocalDate DEFAULT_LATEST = LocalDate.of(2099, 12, 31);
    /**
     * The first day of the Gregorian calendar. Parquet files of older writers store earlier days on another
     * calendar, so Spark refuses to write them: a lower bound before this would end the run at the first such date.
     */
    public static final LocalDate GREGORIAN_START = LocalDate.of(1582, 10, 15);
    public static final ValueBounds DEFAULT = new ValueBounds(DEFAULT_EARLIEST, DEFAULT_LATEST);

    public ValueBounds {
        if (earliest.isBefore(GREGORIAN_START)) {
            throw new IllegalArgumentException("the earliest date accepted must be on or after " + GREGORIAN_START
                    + ", the first day of the Gregorian calendar; was " + earliest);
        }
        if (latest.isBefore(earliest)) {
            throw new IllegalArgumentException("the latest date accepted (" + latest
                    + ") is before the earliest (" + earliest + ")");
        }
    }

    /** Whether {@code date} lies within the bounds. */
    public boolean contains(LocalDate date) {
        return !date.isBefore(earliest) && !date.isAfter(latest);
    }
}
