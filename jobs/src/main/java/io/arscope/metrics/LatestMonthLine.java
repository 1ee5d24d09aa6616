package io.arscope.metrics;

import io.arscope.job.SummaryFigure;

/**
 * The metrics job's headline for the latest month: ending AR, the DSO family and CEI, each either a number or
 * "n/a" with the reason it has none (a month without credit sales has no standard DSO, for instance). When the
 * customers hold anything on account, ending AR is given gross and net of it; with nothing on account the two are
 * one figure, given once.
 */
final class LatestMonthLine {

    private LatestMonthLine() {
    }

    static String of(PeriodMetrics.Period month) {
        String m = month.period();
        String dsoCountbackWhy = "ending AR exceeds all credit sales in the history";
        String bpdsoCountbackWhy = "current AR exceeds all credit sales in the history";
        String net = month.onAccount().signum() == 0 ? "" : String.format(" gross, %,.2f net of %,.2f on account",
                month.netEndingAr(), month.onAccount());
        return String.format("%s: ending AR %,.2f%s, DSO %s, countback DSO %s, BPDSO %s, DDSO %s, CEI %s", m,
                month.endingAr(), net,
                SummaryFigure.of(month.dsoStandard(), "%.1f", "no credit sales in " + m),
                SummaryFigure.of(month.dsoCountback(), "%.1f", dsoCountbackWhy),
                SummaryFigure.of(month.bpdsoCountback(), "%.1f", bpdsoCountbackWhy),
                SummaryFigure.of(month.ddsoCountback(), "%.1f",
                        month.dsoCountback() == null ? dsoCountbackWhy : bpdsoCountbackWhy),
                SummaryFigure.of(month.cei(), "%.1f%%", "nothing was collectible in " + m
                        + ": beginning AR + credit sales - current AR is 0"));
    }
}
