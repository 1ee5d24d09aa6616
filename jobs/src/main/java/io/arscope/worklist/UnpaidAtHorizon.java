package io.arscope.worklist;

/**
 * The chance that an open invoice is past due and still unpaid at the end of the worklist's planning horizon: the
 * money a collector's call today can still change. An invoice due after the horizon cannot be overdue within it;
 * one that will fall due within it is overdue at its end when paid more than the remaining days late; one already
 * past due is late for certain, and stays unpaid if its lateness runs on past the horizon.
 *
 * <p>The model gives the probability p of paying late and the expected days late E (0 for an invoice paid on time),
 * so a late invoice is late by E / p days on average. Lateness beyond a given day is taken to tail off
 * exponentially with that mean (it is memoryless: however late an invoice already is, it has as long again to
 * run). With t the days past due at the horizon's end (days past due today + horizon days):
 * <ul>
 * <li>t &lt; 0 (due after the horizon): 0;</li>
 * <li>not yet past due today: p x exp(-t / m);</li>
 * <li>past due today: exp(-horizon / m);</li>
 * </ul>
 * with m = max(1, E / p) days (E when p is 0). Horizon days of 0 turn this off: the chance is then p itself, the
 * probability of paying late, as worklists ranked before the horizon existed.
 */
public final class UnpaidAtHorizon {

    /** Ranks by the probability of paying late alone. */
    public static final int NONE = 0;

    private UnpaidAtHorizon() {
    }

    /**
     * @param daysPastDue      today's days past due (negative: days before the due date)
     * @param probabilityLate  the model's probability of paying late
     * @param expectedDaysLate the model's expected days late
     * @param horizonDays      the planning horizon in days, or {@link #NONE}
     */
    public static double probability(int daysPastDue, double probabilityLate, double expectedDaysLate,
            int horizonDays) {
        if (horizonDays == NONE) {
            return probabilityLate;
        }
        long dueDaysAtEnd = (long) daysPastDue + horizonDays;
        if (dueDaysAtEnd < 0) {
            return 0;
        }
        double meanDaysLate = Math.max(1, probabilityLate > 0 ? expectedDaysLate / probabilityLate : expectedDaysLate);
        return daysPastDue > 0 ? Math.exp(-horizonDays / meanDaysLate)
                : probabilityLate * Math.exp(-dueDaysAtEnd / meanDaysLate);
    }
}
