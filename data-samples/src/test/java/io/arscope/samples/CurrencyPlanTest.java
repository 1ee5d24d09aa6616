package io.arscope.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurrencyPlanTest {

    @TempDir
    Path dir;

    @Test
    void customersAreBilledInACurrencyOfTheirIdAndRatesComeMonthly() throws Exception {
        CurrencyPlan plan = new CurrencyPlan(List.of("USD", "EUR", "GBP"));
        // "C1".hashCode() = 67 x 31 + 49 = 2126, 2126 mod 3 = 2: GBP; "C2" = 2127, 0: USD; "C3" = 2128, 1: EUR.
        assertEquals(List.of("GBP", "USD", "EUR"), List.of(plan.of("C1"), plan.of("C2"), plan.of("C3")));
        plan.writeRates(dir, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 2, 28));
        // Month 0: EUR 1.08 x (1 + 0.04 sin(2 pi 3/12)) = 1.08 x 1.04 = 1.1232; GBP 1.27 x (1 + 0.04 sin(pi)) = 1.27.
        // Month 1: EUR 1.08 x (1 + 0.04 sin(2 pi 4/12)) = 1.08 x 1.0346410 = 1.11741; GBP 1.27 x (1 + 0.04 sin(7 pi/6))
        // = 1.27 x 0.98 = 1.2446.
        assertEquals(List.of("rate_date,currency,rate", "2025-01-01,EUR,1.1232", "2025-01-01,GBP,1.27",
                "2025-02-01,EUR,1.11741", "2025-02-01,GBP,1.2446"), Files.readAllLines(dir.resolve(
                CurrencyPlan.RATES_FILE)));
    }

    @Test
    void oneCurrencyWritesNoRates() throws Exception {
        CurrencyPlan.SINGLE.writeRates(dir, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 2, 28));
        assertFalse(Files.exists(dir.resolve(CurrencyPlan.RATES_FILE)));
        assertEquals("USD", CurrencyPlan.SINGLE.of("C1"));
    }
}
