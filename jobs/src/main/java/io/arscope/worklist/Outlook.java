package io.arscope.worklist;

import java.util.Locale;

import io.arscope.risk.Reasons;

/**
 * What a collector is told about when an invoice, or a customer's most overdue invoice, will be paid. For one
 * already late the lateness is known, so that is what is said, with the days still expected until payment from
 * the invoices paid after being as late, whose they were, and how many as late were never paid
 * ({@link ExpectedDaysToPay}); a probability of paying late would be a forecast of what has happened. For one not
 * yet late, the probability of paying late as a whole percent, and the days until payment the model expects.
 */
final class Outlook {

    private Outlook() {
    }

    /**
     * @param daysPastDue       days past due; zero or negative when not late
     * @param probabilityLate   the probability of paying late
     * @param expectedDaysToPay {@link WorklistTables#EXPECTED_DAYS_TO_PAY}
     * @param basis             {@link WorklistTables#DAYS_TO_PAY_BASIS}
     * @param invoices          {@link WorklistTables#DAYS_TO_PAY_INVOICES}
     * @param closedUnpaid      {@link WorklistTables#DAYS_TO_PAY_CLOSED_UNPAID}
     */
    static String of(int daysPastDue, double probabilityLate, Integer expectedDaysToPay, String basis,
            Integer invoices, Integer closedUnpaid) {
        if (daysPastDue <= 0) {
            return Reasons.percent(probabilityLate) + " risk of paying late; " + (expectedDaysToPay == null
                    ? "past its expected payment date" : expectedIn(expectedDaysToPay));
        }
        String known = Reasons.days(daysPastDue) + " late; ";
        return switch (basis) {
            case ExpectedDaysToPay.CUSTOMER -> known + expectedIn(expectedDaysToPay) + " (median of "
                    + invoices(invoices) + " of its own paid after being as late" + notPaid(closedUnpaid, true)
                    + ")";
            case ExpectedDaysToPay.PORTFOLIO -> known + expectedIn(expectedDaysToPay) + " (median of "
                    + invoices(invoices) + " of all customers paid after being as late"
                    + notPaid(closedUnpaid, true) + ")";
            case ExpectedDaysToPay.NO_HISTORY -> known + "no invoice in the history was paid after being as late"
                    + notPaid(closedUnpaid, false);
            default -> throw new IllegalArgumentException("a late invoice's days to pay rest on its history, not "
                    + basis);
        };
    }

    /**
     * A customer row's outlook: that of its most overdue invoice, the largest first where several are as overdue. When
     * none is late, the probability on the row is over all its open invoices, weighted by open amount, and the days
     * until payment are the first due's, so each is said of what it is about.
     *
     * @param openInvoices the row's open invoices
     */
    static String ofCustomer(int daysPastDue, double probabilityLate, Integer expectedDaysToPay, String basis,
            Integer invoices, Integer closedUnpaid, int openInvoices) {
        if (daysPastDue > 0 || openInvoices == 1) {
            return of(daysPastDue, probabilityLate, expectedDaysToPay, basis, invoices, closedUnpaid);
        }
        return Reasons.percent(probabilityLate) + " risk of paying late, by amount over its " + openInvoices
                + " open invoices; the first due " + (expectedDaysToPay == null ? "is past its expected payment date"
                        : expectedDaysToPay == 0 ? "is expected paid today"
                                : "is expected paid in " + Reasons.days(expectedDaysToPay));
    }

    private static String expectedIn(int days) {
        return days == 0 ? "payment expected today" : "payment expected in " + Reasons.days(days);
    }

    /**
     * The invoices as late that were never paid, so that a median over the paid ones is not read as a promise:
     * "others" beside the paid ones the median is over, or invoices when none was paid; empty when there were none.
     */
    private static String notPaid(Integer closedUnpaid, boolean besidePaid) {
        if (closedUnpaid == null || closedUnpaid == 0) {
            return "";
        }
        String counted = besidePaid ? (closedUnpaid == 1 ? "1 other" : String.format(Locale.ROOT, "%,d others",
                closedUnpaid)) : invoices(closedUnpaid);
        return "; " + counted + (closedUnpaid == 1 ? " as late was" : " as late were")
                + " written off or credited instead";
    }

    private static String invoices(int n) {
        return n == 1 ? "1 invoice" : String.format(Locale.ROOT, "%,d invoices", n);
    }
}
