package io.arscope.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

/**
 * The credit-limit rule worked by hand: the larger of the usual need and the balance, scaled down by risk, never below
 * the balance in the low band.
 */
class CreditLimitRuleTest {

    private static final BigDecimal LITTLE_OWED = new BigDecimal("500.00");

    @Test
    void aYearOfSalesTimesTermsAndBufferScaledDownByRiskRoundedToAThousand() {
        // 120,000 x 30 / 365 = 9,863.01 a month; x (30 + 15) / 30 = 14,794.52 (it owes 500); x (1 - 0.2) = 11,835.62;
        // to the 1,000: 12,000.
        CreditLimitRule.Suggestion s = CreditLimitRule.suggest(new BigDecimal("120000.00"), 365, 12, 30, LITTLE_OWED,
                0.2, new BigDecimal("50000.00"), true, "USD");
        assertEquals(new BigDecimal("12000.00"), s.suggested());
        assertEquals(new BigDecimal("-38000.00"), s.change());
        assertEquals("USD 9,863.01 a month (USD 120,000.00 over 365 days) × (30 + 15) / 30 days = USD 14,794.52; "
                + "× (1 − 0.2)", s.basis());
    }

    /**
     * A customer billed in lumpy invoices owes 40,000 against a usual need of 14,794.52: the balance counts, not the
     * usual need; in the medium band (p 0.2) its risk still cuts it, 40,000 x 0.8 = 32,000, below what it owes, and
     * the basis says what that means.
     */
    @Test
    void whatTheCustomerOwesNowCountsWhenItIsMoreThanTheUsualNeed() {
        CreditLimitRule.Suggestion s = CreditLimitRule.suggest(new BigDecimal("120000.00"), 365, 12, 30,
                new BigDecimal("40000.00"), 0.2, new BigDecimal("50000.00"), true, "USD");
        assertEquals(new BigDecimal("32000.00"), s.suggested());
        assertEquals(new BigDecimal("-18000.00"), s.change());
        assertEquals("USD 9,863.01 a month (USD 120,000.00 over 365 days) × (30 + 15) / 30 days = USD 14,794.52, "
                + "less than the USD 40,000.00 it owes now, which counts; × (1 − 0.2); below the USD 40,000.00 it "
                + "owes: hold new orders until it pays down", s.basis());
    }

    /**
     * In the low band (p 0.05, below 0.2) the same customer owing 40,250.50 is not cut below its balance:
     * 40,250.50 x 0.95 = 38,237.98 (half up from 38,237.975) is raised to the balance, rounded up to the thousand:
     * 41,000.
     */
    @Test
    void aLowBandCustomerIsNeverSuggestedLessThanItOwes() {
        CreditLimitRule.Suggestion s = CreditLimitRule.suggest(new BigDecimal("120000.00"), 365, 12, 30,
                new BigDecimal("40250.50"), 0.05, new BigDecimal("50000.00"), true, "USD");
        assertEquals(new BigDecimal("41000.00"), s.suggested());
        assertEquals(new BigDecimal("-9000.00"), s.change());
        assertEquals("USD 9,863.01 a month (USD 120,000.00 over 365 days) × (30 + 15) / 30 days = USD 14,794.52, "
                + "less than the USD 40,250.50 it owes now, which counts; × (1 − 0.05) = USD 38,237.98, raised to "
                + "what it owes, rounded up: a low-band customer is never cut below its balance", s.basis());
        // Below 10,000 the balance rounds up to the hundred: 9,901.00 x 0.95 = 9,405.95, raised to 9,901.00, up to
        // the hundred 10,000; at p 0.2, the medium band, cut: 9,901.00 x 0.8 = 7,920.80, to the hundred 7,900.
        assertEquals(new BigDecimal("10000.00"), CreditLimitRule.suggest(new BigDecimal("1000.00"), 365, 3, 30,
                new BigDecimal("9901.00"), 0.05, null, true, "USD").suggested());
        assertEquals(new BigDecimal("7900.00"), CreditLimitRule.suggest(new BigDecimal("1000.00"), 365, 3, 30,
                new BigDecimal("9901.00"), 0.2, null, true, "USD").suggested());
    }

    @Test
    void aNewerCustomerOverItsOwnDaysRoundedToAHundredWithoutACurrentLimit() {
        // 12,000 x 30 / 200 = 1,800.00 a month; x 45 / 30 = 2,700.00; x 0.5 = 1,350.00; to the 100, half up: 1,400.
        CreditLimitRule.Suggestion s = CreditLimitRule.suggest(new BigDecimal("12000.00"), 200, 4, 30, LITTLE_OWED,
                0.5, null, true, "USD");
        assertEquals(new BigDecimal("1400.00"), s.suggested());
        assertNull(s.change());
        assertEquals("USD 1,800.00 a month (USD 12,000.00 over 200 days) × (30 + 15) / 30 days = USD 2,700.00; "
                + "× (1 − 0.5); no current limit", s.basis());
    }

    @Test
    void tooLittleHistoryGivesNoSuggestionWithTheReasonNeverZero() {
        CreditLimitRule.Suggestion young = CreditLimitRule.suggest(new BigDecimal("50000.00"), 179, 10, 30,
                LITTLE_OWED, 0.1, new BigDecimal("10000.00"), true, "USD");
        assertNull(young.suggested());
        assertNull(young.change());
        assertEquals("too little history: first invoice 179 days ago (the rule needs 180)", young.basis());
        CreditLimitRule.Suggestion few = CreditLimitRule.suggest(new BigDecimal("50000.00"), 365, 2, 30, LITTLE_OWED,
                0.1, new BigDecimal("10000.00"), true, "USD");
        assertNull(few.suggested());
        assertEquals("too little history: 2 invoices in the last 365 days (the rule needs 3)", few.basis());
    }

    @Test
    void aLimitThatRoundsToNothingIsNoSuggestion() {
        // 1,000 x 30 / 365 = 82.19 a month; x 45 / 30 = 123.29 (more than the 50 owed); x 0.1 = 12.33, which rounds
        // to 0 hundreds.
        CreditLimitRule.Suggestion s = CreditLimitRule.suggest(new BigDecimal("1000.00"), 365, 3, 30,
                new BigDecimal("50.00"), 0.9, new BigDecimal("5000.00"), true, "USD");
        assertNull(s.suggested());
        assertNull(s.change());
        assertEquals("no limit: USD 82.19 a month (USD 1,000.00 over 365 days) × (30 + 15) / 30 days = USD 123.29; "
                + "× (1 − 0.9) rounds to 0; sell on prepayment or review the account", s.basis());
    }

    @Test
    void aCurrentLimitInAnotherCurrencyIsNotCompared() {
        CreditLimitRule.Suggestion s = CreditLimitRule.suggest(new BigDecimal("120000.00"), 365, 12, 30, LITTLE_OWED,
                0.2, new BigDecimal("50000.00"), false, "USD");
        assertEquals(new BigDecimal("12000.00"), s.suggested());
        assertNull(s.change());
        assertEquals("USD 9,863.01 a month (USD 120,000.00 over 365 days) × (30 + 15) / 30 days = USD 14,794.52; "
                + "× (1 − 0.2); the current limit is in the customer's own currency, not compared", s.basis());
    }
}
