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
 */
public final class RollRates {

    /** The roll of one bucket from one month-end to the next. */
    public record Roll(YearMonth from, int bucket, BigDecimal fromAmount, BigDecimal rolledAmount, Double rate,
            boolean aboveOne) {
    }

    /** Amounts of one bucket at one month-end: what was there, what rolled on, what was written off next month. */
    public record Movement(BigDecimal fromAmount, BigDecimal rolledAmount, BigDecimal writtenOffNext) {
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
                BigDecimal rolled = k == buckets.size() - 1 ? m.writtenOffNext() : m.rolledAmount();
                Double rate = PeriodMetrics.ratio(rolled, m.fromAmount());
                rolls.add(new Roll(month, k, m.fromAmount(), rolled, rate, rate != null && rate > 1));
            }
        });
        return rolls;
    }

    /**
     * Each bucket's average rate over the last {@code months} month-ends that had an amount in that bucket.
     *
     * @return per bucket, the mean rate, or null where no month had anything in the bucket: a ledger whose items
     *         never reached a bucket says nothing of how they would leave it (0 would claim none is ever lost)
     */
    public static List<Double> average(List<Roll> rolls, int bucketCount, int months) {
        List<Double> averages = new ArrayList<>();
        for (int k = 0; k < bucketCount; k++) {
            final int bucket = k;
            List<Double> rates = rolls.stream().filter(r -> r.bucket() == bucket && r.rate() != null)
                    .sorted((a, b) -> b.from().compareTo(a.from())).limit(months).map(Roll::rate).toList();
            averages.add(rates.isEmpty() ? null : rates.stream().mapToDouble(Double::doubleValue).average()
                    .orElseThrow());
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
