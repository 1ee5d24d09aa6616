package io.arscope.metrics;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/**
 * Monthly roll rates following the same invoices: of the amount in bucket k at one month-end, the share that
 * is in a later bucket at the next month-end (an item paid meanwhile does not roll); for the last bucket, the
 * share written off during the next month. A rate above 1 cannot happen with clean data (items were re-aged or
 * buckets mixed) and is flagged as a data problem.
 *
 * <p>The last bucket keeps what it holds until it is paid or written off, often for many months, so its
 * write-off rate, the share of its money that is lost, is not the share written off in one month: with w the
 * share written off during a month and s the share still open in it at the month's end, on average, the share
 * eventually written off is w / (1 - s). Taking the one month's w alone would leave out everything written off
 * later, and in a ledger that writes off slowly understate the allowance several times over.
 */
public final class RollRates {

    /**
     * The roll of one bucket from one month-end to the next.
     *
     * @param stayedAmount for the last bucket, the amount still open in it at the next month-end; null for the
     *                     others
     */
    public record Roll(YearMonth from, int bucket, BigDecimal fromAmount, BigDecimal rolledAmount,
            BigDecimal stayedAmount, Double rate, boolean aboveOne) {
    }

    /**
     * Amounts of one bucket at one month-end: what was there, what rolled on, what was written off next month and
     * what was still in the same bucket at the next month-end.
     */
    public record Movement(BigDecimal fromAmount, BigDecimal rolledAmount, BigDecimal writtenOffNext,
            BigDecimal stayedAmount) {
    }

    private RollRates() {
    }

    /**
     * @param movements per month-end, per bucket index (0 = current), the amounts; the last bucket rolls into
     *                  write-off
     */
    public static List<Roll> of(SortedMap<YearMonth, List<Movement>> movements) {
        List<Roll> rolls = new ArrayList<>();
        movements.forEach((month, buckets) -> {
            for (int k = 0; k < buckets.size(); k++) {
                Movement m = buckets.get(k);
                boolean last = k == buckets.size() - 1;
                BigDecimal rolled = last ? m.writtenOffNext() : m.rolledAmount();
                Double rate = PeriodMetrics.ratio(rolled, m.fromAmount());
                rolls.add(new Roll(month, k, m.fromAmount(), rolled, last ? m.stayedAmount() : null, rate,
                        rate != null && rate > 1));
            }
        });
        return rolls;
    }

    /**
     * Each bucket's average rate over the last {@code months} month-ends that had an amount in that bucket; for
     * the last bucket, the share eventually written off, w / (1 - s) from the averages of its monthly write-off
     * rate w and of the share s still in it a month on.
     *
     * @return per bucket, the rate, or null where no month had anything in the bucket (a ledger whose items never
     *         reached a bucket says nothing of how they would leave it; 0 would claim none is ever lost) or, for
     *         the last bucket, where nothing ever left it
     */
    public static List<Double> average(List<Roll> rolls, int bucketCount, int months) {
        List<Double> averages = new ArrayList<>();
        for (int k = 0; k < bucketCount; k++) {
            final int bucket = k;
            List<Roll> used = rolls.stream().filter(r -> r.bucket() == bucket && r.rate() != null)
                    .sorted((a, b) -> b.from().compareTo(a.from())).limit(months).toList();
            if (used.isEmpty()) {
                averages.add(null);
                continue;
            }
            double rate = used.stream().mapToDouble(Roll::rate).average().orElseThrow();
            if (k == bucketCount - 1) {
                double stays = used.stream().mapToDouble(r -> PeriodMetrics.ratio(r.stayedAmount(),
                        r.fromAmount())).average().orElseThrow();
                // At or above 1 only when nothing left the bucket at all in the months used.
                averages.add(stays < 1 ? Math.min(1, rate / (1 - stays)) : null);
            } else {
                averages.add(rate);
            }
        }
        return averages;
    }

    /** How many month-ends {@link #average} used for each bucket. */
    public static List<Integer> monthsUsed(List<Roll> rolls, int bucketCount, int months) {
        List<Integer> used = new ArrayList<>();
        for (int k = 0; k < bucketCount; k++) {
            final int bucket = k;
            used.add((int) Math.min(months, rolls.stream().filter(r -> r.bucket() == bucket && r.rate() != null)
                    .count()));
        }
        return used;
    }
}
