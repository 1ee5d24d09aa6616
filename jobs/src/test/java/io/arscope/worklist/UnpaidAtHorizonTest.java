package io.arscope.worklist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link UnpaidAtHorizon} worked out by hand, horizon 30 days unless said. */
class UnpaidAtHorizonTest {

    private static final double EXACT = 1e-12;

    @Test
    void notYetDueIsLateBeyondTheDaysLeftInTheHorizon() {
        // Due in 10 days: 20 days past due at the horizon's end. p 0.5, E 5: late by 10 days on average.
        // 0.5 x exp(-20 / 10) = 0.0676676416...
        assertEquals(0.5 * Math.exp(-2), UnpaidAtHorizon.probability(-10, 0.5, 5, 30), EXACT);
        assertEquals(0.06766764161830635, UnpaidAtHorizon.probability(-10, 0.5, 5, 30), EXACT);
    }

    @Test
    void pastDueIsLateForCertainAndStaysUnpaidIfItsLatenessRunsOn() {
        // 45 days past due, p 0.4, E 8: 20 days late on average; exp(-30 / 20) = 0.2231301601..., whatever the 45.
        assertEquals(0.22313016014842982, UnpaidAtHorizon.probability(45, 0.4, 8, 30), EXACT);
        assertEquals(UnpaidAtHorizon.probability(1, 0.4, 8, 30), UnpaidAtHorizon.probability(45, 0.4, 8, 30), EXACT);
    }

    @Test
    void dueAfterTheHorizonCannotBeOverdueWithinIt() {
        assertEquals(0.0, UnpaidAtHorizon.probability(-31, 0.9, 40, 30));
        // Due on the horizon's last day: overdue then if paid late at all.
        assertEquals(0.7, UnpaidAtHorizon.probability(-30, 0.7, 14, 30), EXACT);
    }

    @Test
    void dueTodayIsNotYetLate() {
        // p 0.5, E 3 (6 days late on average): 0.5 x exp(-30 / 6).
        assertEquals(0.5 * Math.exp(-5), UnpaidAtHorizon.probability(0, 0.5, 3, 30), EXACT);
    }

    @Test
    void theMeanLatenessIsAtLeastOneDay() {
        // E / p = 0.5 days is taken as 1: 0.8 x exp(-30).
        assertEquals(0.8 * Math.exp(-30), UnpaidAtHorizon.probability(0, 0.8, 0.4, 30), EXACT);
        // p 0: nothing not yet due is expected late; past due, the mean is E (here 0, so 1 day).
        assertEquals(0.0, UnpaidAtHorizon.probability(-5, 0.0, 0.0, 30));
        assertEquals(Math.exp(-30), UnpaidAtHorizon.probability(3, 0.0, 0.0, 30), EXACT);
    }

    @Test
    void noHorizonIsTheProbabilityOfPayingLate() {
        assertEquals(0.35, UnpaidAtHorizon.probability(-60, 0.35, 12, UnpaidAtHorizon.NONE));
        assertEquals(0.35, UnpaidAtHorizon.probability(90, 0.35, 12, UnpaidAtHorizon.NONE));
    }

    @Test
    void aShorterHorizonLeavesMoreUnpaid() {
        // 10 days past due, p 0.6, E 6 (10 days late on average): exp(-7 / 10) over a week.
        assertEquals(Math.exp(-0.7), UnpaidAtHorizon.probability(10, 0.6, 6, 7), EXACT);
    }
}
