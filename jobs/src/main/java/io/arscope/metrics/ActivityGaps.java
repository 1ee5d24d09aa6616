package io.arscope.metrics;

/**
 * Why a figure of the collection_activity table is empty, in the words both the CFO report and the collectors'
 * pages show after "n/a": an empty figure is never shown as 0, and the two places must never give different reasons
 * for the same empty cell.
 */
public final class ActivityGaps {
    /** No such activity in the input up to the month's end. */
    public static final String NO_RECORD = "none recorded by then";

    private ActivityGaps() {
    }

    /**
     * A promise-kept rate: no promise recorded, none whose window closed in the month, or closed ones with nothing
     * promised (only the rate by amount can be empty then).
     */
    public static String promiseRate(Long promisesClosed, Object month) {
        return promisesClosed == null ? NO_RECORD
                : promisesClosed == 0 ? "no promise closed in " + month : "nothing promised";
    }

    /** A plan-adherence rate: as {@link #promiseRate}, for plan instalments. */
    public static String planRate(Long instalmentsClosed, Object month) {
        return instalmentsClosed == null ? NO_RECORD
                : instalmentsClosed == 0 ? "no instalment closed in " + month : "no instalment amount";
    }

    /** Contact coverage, a share of the overdue balance. */
    public static String coverage(boolean nothingOverdue) {
        return nothingOverdue ? "nothing overdue" : NO_RECORD;
    }

    /** Days from first contact to payment. */
    public static String daysToPay(Long contactPaidInvoices, Object month) {
        return contactPaidInvoices == null ? NO_RECORD : "no invoice paid after a contact in " + month;
    }
}
