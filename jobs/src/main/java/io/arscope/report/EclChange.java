package io.arscope.report;

import java.util.List;

/**
 * The allowance's change against last month and its two drivers: balances (each bucket's change in balance at last
 * month's loss rate) and loss rates (the rest: this month's balances at the change in loss rate). The two add up to
 * the change as shown, in whole currency units.
 */
final class EclChange {

    private EclChange() {
    }

    /**
     * @param now    this month's provision matrix
     * @param before last month's, bucket by bucket as {@code now}; empty when it could not be recomputed
     * @param month  the month {@code before} is at, as the page names it
     */
    static String sentence(List<ReportData.ProvisionLine> now, List<ReportData.ProvisionLine> before, String month) {
        Double ecl = ReportData.sum(now.stream().map(ReportData.ProvisionLine::ecl).toList());
        Double eclBefore = before.isEmpty() ? null
                : ReportData.sum(before.stream().map(ReportData.ProvisionLine::ecl).toList());
        if (ecl == null || eclBefore == null || now.stream().anyMatch(l -> l.balance() == null)) {
            return "No change against " + month + " is shown: "
                    + (before.isEmpty() ? "the allowance at " + month + " could not be recomputed (no aging of that "
                            + "month-end in period_metrics)."
                    : ecl == null && unknownRate(now)
                            ? "the allowance is not known, since a roll rate on the way to write-off is unknown."
                    : eclBefore == null && unknownRate(before)
                            ? "the allowance at " + month + " is not known, since a roll rate on the way to write-off "
                                    + "was unknown then."
                    : "an ECL or balance is empty in provision_matrix.");
        }
        double byBalances = 0;
        for (int k = 0; k < now.size(); k++) {
            ReportData.ProvisionLine b = before.get(k);
            double moved = now.get(k).balance() - b.balance();
            if (moved != 0 && b.lossRate() == null) {
                return "No change against " + month + " is shown: the " + b.bucket() + " bucket's loss rate was "
                        + "not known then.";
            }
            byBalances += moved == 0 ? 0 : moved * b.lossRate() * b.overlay();
        }
        long change = whole(ecl - eclBefore);
        long balances = whole(byBalances);
        return "Against " + month + " (" + FinanceFormat.money(eclBefore) + ", that month-end's aging at the roll "
                + "rates known then) the allowance " + (change > 0 ? "rose " : change < 0 ? "fell " : "moved ")
                + FinanceFormat.money((double) Math.abs(change)) + ": " + signed(balances)
                + " from balances (their change at " + month + "'s loss rates) and " + signed(change - balances)
                + " from loss rates.";
    }

    /** Whether a bucket holding money has no loss rate: its ECL, and so the allowance, is unknown. */
    private static boolean unknownRate(List<ReportData.ProvisionLine> lines) {
        return lines.stream().anyMatch(l -> l.balance() != null && l.balance() != 0 && l.lossRate() == null);
    }

    /** Rounded as {@link FinanceFormat#money} rounds, so that the figures read as the headline's change. */
    private static long whole(double amount) {
        return java.math.BigDecimal.valueOf(amount).setScale(0, java.math.RoundingMode.HALF_EVEN).longValueExact();
    }

    private static String signed(long amount) {
        return (amount > 0 ? "+" : "") + FinanceFormat.money((double) amount);
    }
}
