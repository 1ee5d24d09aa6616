package io.arscope.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.arscope.job.SummaryFigure;

/**
 * The metrics job's headline for the latest month: ending AR, the DSO family and CEI, each either a number or
 * "n/a" with the reason it has none (a month without credit sales has no standard DSO, for instance). When the
 * customers hold anything on account, ending AR is given gross and net of it; with nothing on account the two are
 * one figure, given once.
 *
 * <p>The DSO family is given by one method, countback, named, as the sum it is: DSO = BPDSO + DDSO, DDSO being the
 * countback DSO less the countback BPDSO. The standard DSO (ending AR / the month's sales x days) follows, named too,
 * since it is a different number and no part of that sum. DDSO is printed as the difference of the two figures
 * printed beside it, so that the line adds up as read.
 */
final class LatestMonthLine {

    private LatestMonthLine() {
    }

    static String of(PeriodMetrics.Period month) {
        String m = month.period();
        String net = month.onAccount().signum() == 0 ? "" : String.format(" gross, %,.2f net of %,.2f on account",
                month.netEndingAr(), month.onAccount());
        return String.format("%s: ending AR %,.2f%s, %s, standard DSO %s, CEI %s", m, month.endingAr(), net,
                countback(month.dsoCountback(), month.bpdsoCountback(), month.endingAr().signum() <= 0),
                SummaryFigure.of(month.dsoStandard(), "%.1f", "no credit sales in " + m),
                SummaryFigure.of(month.cei(), "%.1f%%", "nothing was collectible in " + m
                        + ": beginning AR + credit sales - current AR is 0"));
    }

    /** "countback DSO 38.1 = BPDSO 35.1 + DDSO 3.0", or what of it there is and why the rest is not. */
    private static String countback(Double dso, Double bpdso, boolean noBalance) {
        if (dso == null || !Double.isFinite(dso)) {
            return "countback DSO " + SummaryFigure.notAvailable(noBalance
                    ? "no AR and no credit sales in the history" : "ending AR exceeds all credit sales in the history");
        }
        BigDecimal shownDso = tenths(dso);
        if (bpdso == null || !Double.isFinite(bpdso)) {
            return String.format("countback DSO %s (BPDSO and DDSO %s)", shownDso,
                    SummaryFigure.notAvailable("current AR exceeds all credit sales in the history"));
        }
        BigDecimal shownBpdso = tenths(bpdso);
        return String.format("countback DSO %s = BPDSO %s + DDSO %s", shownDso, shownBpdso,
                shownDso.subtract(shownBpdso));
    }

    private static BigDecimal tenths(double days) {
        return BigDecimal.valueOf(days).setScale(1, RoundingMode.HALF_UP);
    }
}
