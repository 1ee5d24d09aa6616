package io.arscope.worklist;

import io.arscope.risk.Reasons;

/**
 * What a collector is told about when an invoice, or a customer's most overdue invoice, will be paid. For one
 * already late the lateness is known, so that is what is said, with the days still expected until payment (due
 * date plus the expected days late); a probability of paying late would be a forecast of what has happened. For
 * one not yet late, the probability of paying late as a whole percent, and the days until payment is expected.
 */
final class Outlook {

    private Outlook() {
    }

    /**
     * @param daysPastDue       days past due; zero or negative when not late
     * @param probabilityLate   the probability of paying late
     * @param expectedDaysToPay {@link WorklistTables#EXPECTED_DAYS_TO_PAY}, null once the expected day is past
     */
    static String of(int daysPastDue, double probabilityLate, Integer expectedDaysToPay) {
        String known = daysPastDue > 0 ? Reasons.days(daysPastDue) + " late"
                : Reasons.percent(probabilityLate) + " risk of paying late";
        return known + "; " + expected(expectedDaysToPay);
    }

    private static String expected(Integer days) {
        if (days == null) {
            return "past its expected payment date";
        }
        return days == 0 ? "payment expected today" : "payment expected in " + Reasons.days(days);
    }
}
