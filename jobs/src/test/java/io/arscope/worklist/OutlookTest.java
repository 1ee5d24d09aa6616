package io.arscope.worklist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Issue 22: "Risk of paying late 94%" was shown for Ironwood Farms, already 83 days late, and then "past its
 * expected payment date", which says nothing of when it may still pay. A late invoice says how late it is and the
 * days still expected from the invoices paid after being as late, and whose; only one not yet late says its risk,
 * as a whole percent, with the model's days to payment.
 */
class OutlookTest {

    @Test
    void aLateInvoiceSaysWhatIsKnownAndWhatTheHistoryExpects() {
        assertEquals("83 days late; payment expected in 21 days (median of 7 invoices of its own paid after being "
                        + "as late)",
                Outlook.of(83, 0.9395, 21, ExpectedDaysToPay.CUSTOMER, 7, 0));
        assertEquals("9 days late; payment expected in 14 days (median of 1,204 invoices of all customers paid "
                        + "after being as late)",
                Outlook.of(9, 0.2098, 14, ExpectedDaysToPay.PORTFOLIO, 1204, 0));
        assertEquals("1 day late; payment expected in 1 day (median of 1 invoice of all customers paid after being "
                        + "as late)",
                Outlook.of(1, 0.5, 1, ExpectedDaysToPay.PORTFOLIO, 1, 0));
        // A median over the paid ones is not a promise: the invoices as late that were never paid are counted.
        assertEquals("138 days late; payment expected in 53 days (median of 40 invoices of all customers paid after "
                        + "being as late; 7 others as late were written off or credited instead)",
                Outlook.of(138, 0.99, 53, ExpectedDaysToPay.PORTFOLIO, 40, 7));
        assertEquals("95 days late; payment expected in 12 days (median of 5 invoices of its own paid after being as "
                        + "late; 1 other as late was written off or credited instead)",
                Outlook.of(95, 0.99, 12, ExpectedDaysToPay.CUSTOMER, 5, 1));
        assertEquals("400 days late; no invoice in the history was paid after being as late; 3 invoices as late were "
                        + "written off or credited instead",
                Outlook.of(400, 0.99, null, ExpectedDaysToPay.NO_HISTORY, null, 3));
        assertEquals("400 days late; no invoice in the history was paid after being as late",
                Outlook.of(400, 0.99, null, ExpectedDaysToPay.NO_HISTORY, null, null));
    }

    @Test
    void anInvoiceNotYetLateSaysItsRiskAsAWholePercent() {
        // INV00004886: due in 38 days, expected 32.77 days late: paid in 38 + 33 = 71 days.
        assertEquals("95% risk of paying late; payment expected in 71 days",
                Outlook.of(-38, 0.9519, 71, ExpectedDaysToPay.MODEL, null, null));
        assertEquals("11% risk of paying late; payment expected today", Outlook.of(0, 0.1072, 0,
                ExpectedDaysToPay.MODEL, null, null));
        assertEquals("30% risk of paying late; past its expected payment date", Outlook.of(0, 0.3, null,
                ExpectedDaysToPay.MODEL, null, null));
    }

    @Test
    void aCustomerNotYetLateSaysItsRiskOverItsOpenAmountAndTheFirstDuesPayment() {
        // 3 invoices of 1,000, 1,000 and 2,000 at 20%, 40% and 60%: (200 + 400 + 1,200) / 4,000 = 45% by amount.
        assertEquals("45% risk of paying late, by amount over its 3 open invoices; the first due is expected paid in "
                + "24 days", Outlook.ofCustomer(-5, 0.45, 24, ExpectedDaysToPay.MODEL, null, null, 3));
        assertEquals("45% risk of paying late, by amount over its 2 open invoices; the first due is expected paid "
                + "today", Outlook.ofCustomer(0, 0.45, 0, ExpectedDaysToPay.MODEL, null, null, 2));
        assertEquals("45% risk of paying late, by amount over its 2 open invoices; the first due is past its "
                + "expected payment date", Outlook.ofCustomer(0, 0.45, null, ExpectedDaysToPay.MODEL, null, null, 2));
        // One invoice, or one late: said as of the invoice.
        assertEquals("95% risk of paying late; payment expected in 71 days",
                Outlook.ofCustomer(-38, 0.9519, 71, ExpectedDaysToPay.MODEL, null, null, 1));
        assertEquals("83 days late; payment expected in 21 days (median of 7 invoices of its own paid after being as "
                + "late)", Outlook.ofCustomer(83, 0.9395, 21, ExpectedDaysToPay.CUSTOMER, 7, 0, 4));
    }
}
