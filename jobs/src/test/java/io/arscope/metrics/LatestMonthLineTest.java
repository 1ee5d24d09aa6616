package io.arscope.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The metrics headline on months made by hand: a figure without a value reads "n/a" and why, never NaN. Months
 * count their calendar days.
 */
class LatestMonthLineTest {

    @Test
    void aLatestMonthWithoutCreditSalesHasNoStandardDsoAndSaysWhy() {
        // 3,000 invoiced in June and 3,100 in July; June's paid in July, 1,000 of July's in August, when nothing
        // was invoiced. August: AR 2,100, none of it current. Countback: August's 31 days with no sales, then
        // 2,100 / 3,100 of July's 31 = 21 days, 52.0 in all. CEI: (3,100 + 0 - 2,100) / (3,100 + 0 - 0) = 32.3%.
        String line = latestLine(month("2019-06", 3000, 0, 3000, 3000), month("2019-07", 3100, 3000, 3100, 3100),
                month("2019-08", 0, 1000, 2100, 0));
        assertEquals("2019-08: ending AR 2,100.00, countback DSO 52.0 = BPDSO 0.0 + DDSO 52.0, standard DSO n/a "
                + "(no credit sales in 2019-08), CEI 32.3%", line);
    }

    @Test
    void aMonthWithNothingCollectibleHasNoCei() {
        String line = latestLine(month("2019-08", 0, 0, 0, 0));
        assertEquals("2019-08: ending AR 0.00, countback DSO n/a (no AR and no credit sales in the history), "
                + "standard DSO n/a (no credit sales in 2019-08), CEI n/a (nothing was collectible in 2019-08: beginning AR + credit sales "
                + "- current AR is 0)", line);
    }

    @Test
    void aBalanceBeyondEveryCreditSaleInTheHistoryHasNoCountbackDso() {
        // 500 open after 100 of sales (a history that starts after the balance did): standard DSO 500 / 100 x 31.
        String line = latestLine(month("2019-08", 100, 0, 500, 500));
        assertEquals("2019-08: ending AR 500.00, countback DSO n/a (ending AR exceeds all credit sales in the "
                + "history), standard DSO 155.0, CEI 100.0%", line);
    }

    /**
     * The line names its one DSO method and adds up as read. The sample's line printed "DSO 40.1 (countback 38.1),
     * BPDSO 35.1, DDSO 3.0", a standard DSO beside a countback BPDSO and DDSO. Here August: 3,100 of sales, AR
     * 1,231 of which 1,046 current: countback DSO 1,231 / 3,100 x 31 = 12.31, BPDSO 1,046 / 3,100 x 31 = 10.46,
     * DDSO 1.85, which rounded on its own (1.9) would not add up with 12.3 and 10.5; printed as 12.3 - 10.5 = 1.8.
     * Standard DSO is also 12.3 (one month of history), named as such. CEI 1,869 / 2,054 = 91.0%.
     */
    @Test
    void theDsoFamilyIsOneNamedMethodThatAddsUp() {
        String line = latestLine(month("2019-08", 3100, 1869, 1231, 1046));
        assertEquals("2019-08: ending AR 1,231.00, countback DSO 12.3 = BPDSO 10.5 + DDSO 1.8, standard DSO 12.3, "
                + "CEI 91.0%", line);
    }

    private static String latestLine(PeriodMetrics.Month... months) {
        List<PeriodMetrics.Period> periods = PeriodMetrics.of(List.of(months), DayCount.ACTUAL);
        return LatestMonthLine.of(periods.get(months.length - 1));
    }

    private static PeriodMetrics.Month month(String month, long sales, long collections, long endingAr,
            long currentAr) {
        BigDecimal z = BigDecimal.ZERO;
        return new PeriodMetrics.Month(YearMonth.parse(month), BigDecimal.valueOf(sales),
                BigDecimal.valueOf(collections), z, z, BigDecimal.valueOf(endingAr), BigDecimal.valueOf(currentAr),
                Collections.nCopies(4, z), z, z, 0, 0, 0, z, 0, z, z, z, z, z, z);
    }
}
