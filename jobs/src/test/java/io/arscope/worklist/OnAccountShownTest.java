package io.arscope.worklist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/**
 * A customer owing 877.68 with 475.40 on account (a 275.40 overpayment and 200.00 of a credit note allocated to no
 * invoice, from the Xero-shaped audit export) has 402.28 to collect: its collector's page and summary said only
 * 877.68, and the collector would have chased all of it.
 */
class OnAccountShownTest {

    private static BigDecimal m(String amount) {
        return new BigDecimal(amount);
    }

    @Test
    void theOpenAmountSaysTheCreditOnAccountAndWhatIsLeftToCollect() {
        assertEquals("GBP 877.68, less GBP 475.40 on account: GBP 402.28 net",
                OnAccountCover.openShown(m("877.68"), m("475.40"), m("402.28"), "GBP"));
        assertEquals("GBP 300.00, less GBP 500.00 on account: nothing to collect",
                OnAccountCover.openShown(m("300.00"), m("500.00"), m("-200.00"), "GBP"));
        assertEquals("GBP 1,250.00", OnAccountCover.openShown(m("1250.00"), m("0.00"), m("1250.00"), "GBP"));
        assertEquals("1,250.00", OnAccountCover.openShown(m("1250.00"), null, m("1250.00"), null));
    }
}
