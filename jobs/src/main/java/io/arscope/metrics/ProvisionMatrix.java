package io.arscope.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Expected credit loss by the provision-matrix method (IFRS 9 / ASC 326 practice for trade receivables): each
 * bucket's loss rate is the product of the roll rates from it to the last bucket, whose own rate is its
 * write-off rate; the allowance is each bucket's balance times its loss rate, times an optional
 * forward-looking overlay.
 */
public final class ProvisionMatrix {

    /** Why an allowance is unknown: a bucket it passes through never held an amount in the months on record. */
    public static final String NO_ROLL_HISTORY = "no roll history on the way to write-off";
    /**
     * Why an allowance is unknown: the ledger holds no write-off at all, so no loss was ever measured. An export
     * whose mapping cannot tell a write-off from a credit memo (SAP customer line items) reads so, and its loss
     * rates of 0 made an allowance of 0 beside a third of AR over 90 days.
     */
    public static final String NO_WRITE_OFFS = "no write-off on record, so no loss rate can be measured";

    /**
     * One bucket's line of the matrix.
     *
     * @param rollRate null when no month-end on record had an amount in the bucket
     * @param lossRate null when a roll rate from the bucket to write-off is null
     * @param ecl      null when the loss rate is and the balance is not zero: an allowance not known, never 0
     */
    public record Line(String bucket, Double rollRate, Double lossRate, BigDecimal balance, BigDecimal ecl) {
    }

    private ProvisionMatrix() {
    }

    /**
     * @param buckets   bucket labels, current first
     * @param rollRates per bucket, the share rolling to the next bucket (for the last: the share written off); null
     *                  where unknown
     * @param balances  per bucket, the open amount to provide for
     * @param overlay   forward-looking factor applied to every loss rate (1 for none)
     */
    public static List<Line> of(List<String> buckets, List<Double> rollRates, List<BigDecimal> balances,
            double overlay) {
        int n = buckets.size();
        if (rollRates.size() != n || balances.size() != n) {
            throw new IllegalArgumentException("need a roll rate and a balance for each of " + n + " buckets");
        }
        Double[] loss = new Double[n];
        Double product = 1.0;
        for (int k = n - 1; k >= 0; k--) {
            product = product == null || rollRates.get(k) == null ? null : product * rollRates.get(k);
            loss[k] = product;
        }
        List<Line> lines = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            BigDecimal balance = balances.get(k);
            BigDecimal ecl = balance.signum() == 0 ? BigDecimal.ZERO.setScale(2)
                    : loss[k] == null ? null
                    : balance.multiply(BigDecimal.valueOf(loss[k] * overlay)).setScale(2, RoundingMode.HALF_UP);
            lines.add(new Line(buckets.get(k), rollRates.get(k), loss[k], balance, ecl));
        }
        return lines;
    }

    /**
     * As {@link #of(List, List, List, double)}, with the last bucket's write-off rate unknown when the ledger holds
     * no write-off at all ({@link #NO_WRITE_OFFS}).
     */
    public static List<Line> of(List<String> buckets, List<Double> rollRates, List<BigDecimal> balances,
            double overlay, boolean writeOffsOnRecord) {
        List<Double> rates = new ArrayList<>(rollRates);
        if (!writeOffsOnRecord && !rates.isEmpty()) {
            rates.set(rates.size() - 1, null);
        }
        return of(buckets, rates, balances, overlay);
    }

    /** Why an allowance is unknown, in the ledger's case. */
    public static String unknownBecause(boolean writeOffsOnRecord) {
        return writeOffsOnRecord ? NO_ROLL_HISTORY : NO_WRITE_OFFS;
    }

    /** The allowance: the lines' sum, or null when a line's is not known. */
    public static BigDecimal total(List<Line> lines) {
        return lines.stream().anyMatch(l -> l.ecl() == null) ? null
                : lines.stream().map(Line::ecl).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
