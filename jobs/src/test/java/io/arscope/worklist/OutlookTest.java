package io.arscope.worklist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Issue 22: "Risk of paying late 94%" was shown for Ironwood Farms, already 83 days late. A late invoice says how
 * late it is and when payment is still expected; only one not yet late says its risk, as a whole percent.
 */
class OutlookTest {

    @Test
    void aLateInvoiceSaysWhatIsKnown() {
        // INV00004264: 83 days past due, expected 40.67 days late: its expected payment date is past.
        assertEquals(null, Worklist.expectedDaysToPay(40.666622161865234, 83));
        assertEquals("83 days late; past its expected payment date",
                Outlook.of(83, 0.9395, Worklist.expectedDaysToPay(40.666622161865234, 83)));
        // 9 days past due, expected 12.4 days late: 3 days still to wait.
        assertEquals(3, Worklist.expectedDaysToPay(12.4, 9));
        assertEquals("9 days late; payment expected in 3 days", Outlook.of(9, 0.2098, 3));
        assertEquals("1 day late; payment expected today", Outlook.of(1, 0.5, Worklist.expectedDaysToPay(0.6, 1)));
    }

    @Test
    void anInvoiceNotYetLateSaysItsRiskAsAWholePercent() {
        // INV00004886: due in 38 days, expected 32.77 days late: paid in 38 + 33 = 71 days.
        assertEquals(71, Worklist.expectedDaysToPay(32.76887130737305, -38));
        assertEquals("95% risk of paying late; payment expected in 71 days", Outlook.of(-38, 0.9519, 71));
        assertEquals("11% risk of paying late; payment expected in 30 days", Outlook.of(0, 0.1072, 30));
    }
}
