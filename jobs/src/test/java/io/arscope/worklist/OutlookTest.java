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
                Outlook.of(83, 0.9395, 21, ExpectedDaysToPay.CUSTOMER, 7));
        assertEquals("9 days late; payment expected in 14 days (median of 1,204 invoices of all customers paid "
                        + "after being as late)",
                Outlook.of(9, 0.2098, 14, ExpectedDaysToPay.PORTFOLIO, 1204));
        assertEquals("1 day late; payment expected in 1 day (median of 1 invoice of all customers paid after being "
                        + "as late)",
                Outlook.of(1, 0.5, 1, ExpectedDaysToPay.PORTFOLIO, 1));
        assertEquals("400 days late; no invoice in the history was paid after being as late",
                Outlook.of(400, 0.99, null, ExpectedDaysToPay.NO_HISTORY, null));
    }

    @Test
    void anInvoiceNotYetLateSaysItsRiskAsAWholePercent() {
        // INV00004886: due in 38 days, expected 32.77 days late: paid in 38 + 33 = 71 days.
        assertEquals("95% risk of paying late; payment expected in 71 days",
                Outlook.of(-38, 0.9519, 71, ExpectedDaysToPay.MODEL, null));
        assertEquals("11% risk of paying late; payment expected today", Outlook.of(0, 0.1072, 0,
                ExpectedDaysToPay.MODEL, null));
        assertEquals("30% risk of paying late; past its expected payment date", Outlook.of(0, 0.3, null,
                ExpectedDaysToPay.MODEL, null));
    }
}
