package io.arscope.worklist;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * What a collector should check before a last-resort step (a referral to an agency or to legal, a final notice with
 * credit held): the facts on the customer's account that argue for talking first. A step is last-resort when it
 * starts at {@value #LAST_RESORT_DAYS} or more days past due (in the default strategy {@code legal_review} and
 * {@code final_notice}). Three facts count:
 * <ul>
 * <li>other invoices of the customer in dispute: what it disputes may be why it has not paid, and an escalation
 * while a dispute is open reads as ignoring it;</li>
 * <li>a payment in the last {@value #RECENT_PAYMENT_DAYS} days, the as-of day included: the customer is paying
 * something, and a call may settle the rest;</li>
 * <li>a pending promise to pay (on this invoice or another): the customer has said when it will pay.</li>
 * </ul>
 * The last contact and the plan instalment are beside every action already.
 */
final class EscalationCheck {

    /** The days past due from which a step is last-resort: the 90+ bucket, where debts are handed on or written off. */
    static final int LAST_RESORT_DAYS = 90;
    /** A payment this recent, the as-of day included, says the customer is still paying. */
    static final int RECENT_PAYMENT_DAYS = 30;

    /** What opens the note in an action: the action then says to check before the step. */
    private static final String MARK = "; check before escalating: ";

    private EscalationCheck() {
    }

    /** Whether {@code action} (a row's next action) says to check before its step, as {@link #note} writes it. */
    static boolean holds(String action) {
        return action != null && action.contains(MARK);
    }

    /** Whether a step is last-resort: it starts at {@link #LAST_RESORT_DAYS} or more days past due. */
    static boolean lastResort(DunningStrategy.Step step) {
        return step.minDaysPastDue() != null && step.minDaysPastDue() >= LAST_RESORT_DAYS;
    }

    /**
     * "; check before escalating: 2 other invoices in dispute; it paid on 2025-03-20 (11 days ago); it promised to
     * pay USD 400.00 by 2025-04-02", or empty when nothing argues for talking first.
     *
     * @param otherDisputes  the customer's other invoices in dispute on the as-of day
     * @param lastPayment    the customer's last payment on or before the as-of day, or null
     * @param pendingPromise the amount (with its currency) and date of the customer's pending promise, "USD 400.00
     *                       by 2025-04-02", or null when it has none
     */
    static String note(long otherDisputes, LocalDate lastPayment, String pendingPromise, LocalDate asOf) {
        List<String> facts = new ArrayList<>();
        if (otherDisputes > 0) {
            facts.add(otherDisputes + (otherDisputes == 1 ? " other invoice" : " other invoices") + " in dispute");
        }
        if (lastPayment != null) {
            long days = ChronoUnit.DAYS.between(lastPayment, asOf);
            if (days < RECENT_PAYMENT_DAYS) {
                facts.add("it paid on " + lastPayment + " (" + (days == 0 ? "today"
                        : days == 1 ? "1 day ago" : days + " days ago") + ")");
            }
        }
        if (pendingPromise != null) {
            facts.add("it promised to pay " + pendingPromise);
        }
        return facts.isEmpty() ? "" : MARK + String.join("; ", facts);
    }
}
