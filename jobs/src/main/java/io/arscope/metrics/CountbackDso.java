package io.arscope.metrics;

import java.util.List;

/**
 * Countback (exhaustion) DSO: walking back from the newest month, each month's credit sales that the balance
 * still covers add that month's days; the remainder adds its share of the next month back. Unlike the
 * standard DSO it does not move when sales swing from month to month, which is why collectors trust it.
 */
public final class CountbackDso {

    private CountbackDso() {
    }

    /**
     * @param balance        the receivable to count back (total AR for DSO, current AR for best possible DSO)
     * @param salesNewestFirst credit sales of the month ending on the measurement date, then of each month before
     * @param daysNewestFirst the days each of those months counts for
     * @return the days, or null when the history runs out before the balance does (too little history to say),
     *         or when there is neither a balance nor a sale to measure it by (a slice holding only credit on account)
     */
    public static Double days(double balance, List<Double> salesNewestFirst, List<Integer> daysNewestFirst) {
        if (balance <= 0 && salesNewestFirst.stream().noneMatch(s -> s > 0)) {
            // 0 / 0, as the standard DSO has it: no sales ever, so no days of sales to count.
            return null;
        }
        double remaining = balance;
        double days = 0;
        for (int i = 0; i < salesNewestFirst.size(); i++) {
            if (remaining <= 0) {
                return days;
            }
            double sales = salesNewestFirst.get(i);
            if (remaining >= sales) {
                remaining -= sales;
                days += daysNewestFirst.get(i);
            } else {
                return days + remaining / sales * daysNewestFirst.get(i);
            }
        }
        return remaining <= 0 ? days : null;
    }
}
