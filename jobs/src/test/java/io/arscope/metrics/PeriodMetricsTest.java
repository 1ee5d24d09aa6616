package io.arscope.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@link PeriodMetrics} alone, on months of figures made by hand. The quarter is the worked example of the metric
 * definitions (shared/reference/metrics.md), whose results are the oracle: credit sales 90,000, 100,000 and 120,000
 * in January to March 2025, AR 130,000 at the start of the quarter (the end of December), 140,000 at the start of
 * March and 150,000 at its end, of which 110,000 current and 25,000, 9,000, 4,000 and 2,000 past due 1-30, 31-60,
 * 61-90 and 91+. Months count 30 days, as in the worked example.
 */
class PeriodMetricsTest {

    private static final double EXACT = 1e-9;

    /** A month's figures, zero unless set. */
    private static final class Figures {
        private final YearMonth month;
        private BigDecimal sales = BigDecimal.ZERO;
        private BigDecimal collections = BigDecimal.ZERO;
        private BigDecimal writeOffs = BigDecimal.ZERO;
        private BigDecimal endingAr = BigDecimal.ZERO;
        private BigDecimal currentAr = BigDecimal.ZERO;
        private List<BigDecimal> buckets = Collections.nCopies(5, BigDecimal.ZERO);
        private BigDecimal pastDueDayAmount = BigDecimal.ZERO;
        private long issued;
        private long disputed;
        private long dueCount;
        private BigDecimal dueAmount = BigDecimal.ZERO;
        private long onTimeCount;
        private BigDecimal onTimeAmount = BigDecimal.ZERO;
        private BigDecimal cohortPaid = BigDecimal.ZERO;
        private BigDecimal payDays = BigDecimal.ZERO;
        private BigDecimal lateDays = BigDecimal.ZERO;
        private BigDecimal cohortOpen = BigDecimal.ZERO;

        Figures(String month) {
            this.month = YearMonth.parse(month);
        }

        Figures sales(long amount) {
            sales = money(amount);
            return this;
        }

        Figures collections(long amount) {
            collections = money(amount);
            return this;
        }

        Figures writeOffs(long amount) {
            writeOffs = money(amount);
            return this;
        }

        Figures endingAr(long total, long current) {
            endingAr = money(total);
            currentAr = money(current);
            return this;
        }

        Figures buckets(long... amounts) {
            buckets = java.util.Arrays.stream(amounts).mapToObj(PeriodMetricsTest::money).toList();
            return this;
        }

        Figures pastDueDayAmount(long amount) {
            pastDueDayAmount = money(amount);
            return this;
        }

        Figures invoices(long issuedCount, long disputedCount) {
            issued = issuedCount;
            disputed = disputedCount;
            return this;
        }

        Figures due(long count, long amount, long onTime, long onTimeAmountPaid) {
            dueCount = count;
            dueAmount = money(amount);
            onTimeCount = onTime;
            onTimeAmount = money(onTimeAmountPaid);
            return this;
        }

        Figures cohort(long paid, long paidTimesDays, long paidTimesDaysLate, long open) {
            cohortPaid = money(paid);
            payDays = money(paidTimesDays);
            lateDays = money(paidTimesDaysLate);
            cohortOpen = money(open);
            return this;
        }

        PeriodMetrics.Month build() {
            return new PeriodMetrics.Month(month, sales, collections, BigDecimal.ZERO, writeOffs, endingAr, currentAr,
                    buckets, pastDueDayAmount, BigDecimal.ZERO, issued, disputed, dueCount, dueAmount, onTimeCount,
                    onTimeAmount, cohortPaid, payDays, lateDays, cohortOpen, BigDecimal.ZERO);
        }
    }

    private static BigDecimal money(long amount) {
        return BigDecimal.valueOf(amount).setScale(2);
    }

    /** December 2024 (only its ending AR matters) and the worked quarter. */
    private static List<PeriodMetrics.Period> workedQuarter() {
        return PeriodMetrics.of(List.of(
                new Figures("2024-12").sales(80_000).endingAr(130_000, 100_000).build(),
                new Figures("2025-01").sales(90_000).endingAr(135_000, 105_000).due(15, 15_000, 12, 12_000)
                        .invoices(100, 3).build(),
                new Figures("2025-02").sales(100_000).endingAr(140_000, 100_000).due(10, 10_000, 8, 8_000)
                        .invoices(120, 4).build(),
                // Past-due days at bucket midpoints 15, 45, 75, 120: 25,000 x 15 + 9,000 x 45 + 4,000 x 75
                // + 2,000 x 120 = 375,000 + 405,000 + 300,000 + 240,000 = 1,320,000.
                new Figures("2025-03").sales(120_000).collections(110_000).endingAr(150_000, 110_000)
                        .buckets(110_000, 25_000, 9_000, 4_000, 2_000).pastDueDayAmount(1_320_000)
                        .due(15, 19_000, 11, 11_000).invoices(180, 5).build()), DayCount.THIRTY);
    }

    private static PeriodMetrics.Period period(List<PeriodMetrics.Period> periods, String label) {
        return periods.stream().filter(p -> p.period().equals(label)).findFirst().orElseThrow();
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    @Test
    void monthsThenQuartersThenYears() {
        List<PeriodMetrics.Period> periods = workedQuarter();
        assertEquals(List.of("2024-12", "2025-01", "2025-02", "2025-03", "2024-Q4", "2025-Q1", "2024", "2025"),
                periods.stream().map(PeriodMetrics.Period::period).toList());
        assertEquals(List.of("month", "month", "month", "month", "quarter", "quarter", "year", "year"),
                periods.stream().map(PeriodMetrics.Period::periodType).toList());
        // A period starts at its first month in the data: 2024-Q4 holds only December.
        PeriodMetrics.Period q4 = period(periods, "2024-Q4");
        assertEquals(LocalDate.of(2024, 12, 1), q4.start());
        assertEquals(LocalDate.of(2024, 12, 31), q4.end());
        assertEquals(1, q4.months());
        assertEquals(30, q4.days());
    }

    @Test
    void theWorkedQuarterGivesTheDsoFamily() {
        PeriodMetrics.Period q = period(workedQuarter(), "2025-Q1");
        assertEquals(money(310_000), q.creditSales());
        assertEquals(money(130_000), q.beginningAr());
        assertEquals(money(150_000), q.endingAr());
        assertEquals(money(40_000), q.pastDueAr());
        assertEquals(90, q.days());
        // Standard: 150,000 / 310,000 x 90 = 43.548...
        assertEquals(150_000.0 / 310_000 * 90, q.dsoStandard(), EXACT);
        assertEquals(43.5, round1(q.dsoStandard()));
        // Average balance: (130,000 + 150,000) / 2 / 310,000 x 90 = 40.645...
        assertEquals(40.6, round1(q.dsoAverage()));
        // Countback: 150,000 - 120,000 (March, 30 days) leaves 30,000 = 0.3 of February's 100,000: 30 + 9 = 39.
        assertEquals(39.0, q.dsoCountback(), EXACT);
        // Best possible, standard: 110,000 / 310,000 x 90 = 31.935...; countback: 110,000 / 120,000 x 30 = 27.5.
        assertEquals(31.9, round1(q.bpdsoStandard()));
        assertEquals(27.5, q.bpdsoCountback(), EXACT);
        // Delinquent, each by its own method: 43.548 - 31.935 = 11.613; 39.0 - 27.5 = 11.5 (not 43.5 - 27.5 = 16.0).
        assertEquals(40_000.0 / 310_000 * 90, q.ddsoStandard(), EXACT);
        assertEquals(11.6, round1(q.ddsoStandard()));
        assertEquals(11.5, q.ddsoCountback(), EXACT);
    }

    @Test
    void ceiIsMonthlyOrInTheCrfFormOverAQuarter() {
        List<PeriodMetrics.Period> periods = workedQuarter();
        // March: (140,000 + 120,000 - 150,000) / (140,000 + 120,000 - 110,000) = 110,000 / 150,000 = 73.3%.
        assertEquals(110_000.0 / 150_000 * 100, period(periods, "2025-03").cei(), EXACT);
        // Quarter, sales / 3: (130,000 + 103,333.33 - 150,000) / (130,000 + 103,333.33 - 110,000) = 67.6%, not
        // the 87.9% of the undivided, non-CRF form.
        PeriodMetrics.Period q = period(periods, "2025-Q1");
        assertEquals((130_000 + 310_000 / 3.0 - 150_000) / (130_000 + 310_000 / 3.0 - 110_000) * 100, q.cei(), EXACT);
        assertEquals(67.6, round1(q.cei()));
    }

    @Test
    void collectionsAndAverageDaysDelinquentOfMarch() {
        PeriodMetrics.Period march = period(workedQuarter(), "2025-03");
        assertEquals(money(140_000), march.beginningAr());
        assertEquals(money(110_000), march.collections());
        // Collection ratio: 110,000 / (140,000 + 120,000) = 42.3%.
        assertEquals(110_000.0 / 260_000, march.collectionRatio(), EXACT);
        // ADD: 1,320,000 / 40,000 past due = 33.0 days; over all 150,000 of AR, 8.8 days.
        assertEquals(33.0, march.addPastDue(), EXACT);
        assertEquals(8.8, march.addAllAr(), EXACT);
        assertEquals(List.of(money(110_000), money(25_000), money(9_000), money(4_000), money(2_000)),
                march.buckets());
        // One month's standard DSO: 150,000 / 120,000 x 30 = 37.5.
        assertEquals(37.5, march.dsoStandard(), EXACT);
    }

    @Test
    void onTimeAndDisputeRatesAddUpTheirMonthsCounts() {
        List<PeriodMetrics.Period> periods = workedQuarter();
        PeriodMetrics.Period q = period(periods, "2025-Q1");
        // Due 15 + 10 + 15 = 40, on time 12 + 8 + 11 = 31: 77.5% by count; by amount 31,000 of 44,000 = 70.45%.
        assertEquals(40, q.dueCount());
        assertEquals(31, q.onTimeCount());
        assertEquals(0.775, q.onTimeRateCount(), EXACT);
        assertEquals(31_000.0 / 44_000, q.onTimeRateAmount(), EXACT);
        // Issued 100 + 120 + 180 = 400, disputed 3 + 4 + 5 = 12: 3%.
        assertEquals(400, q.invoicesIssued());
        assertEquals(0.03, q.disputeRate(), EXACT);
        // March alone: 11 of 15 on time.
        assertEquals(11.0 / 15, period(periods, "2025-03").onTimeRateCount(), EXACT);
    }

    @Test
    void badDebtAndTheCohortsDaysToPay() {
        // Credit sales 1,200,000 and 5,000 written off: 0.42%. Of the month's billing, 1,000 paid in 15 days, 3,000
        // in 30 and 2,000 in 45 on net 30: days x amount 15,000 + 90,000 + 90,000 = 195,000, 195,000 / 6,000 = 32.5
        // days to pay; days late 0 + 0 + 15 x 2,000 = 30,000, 30,000 / 6,000 = 5.0 days (WADL). 1,194,000 of the
        // 1,200,000 billed is still open: 99.5%.
        PeriodMetrics.Period september = period(PeriodMetrics.of(List.of(new Figures("2024-09").sales(1_200_000)
                .writeOffs(5_000).cohort(6_000, 195_000, 30_000, 1_194_000).build()), DayCount.THIRTY), "2024-09");
        assertEquals(5_000.0 / 1_200_000, september.badDebtRatio(), EXACT);
        assertEquals(0.42, Math.round(september.badDebtRatio() * 10_000) / 100.0);
        assertEquals(32.5, september.avgDaysToPay(), EXACT);
        assertEquals(5.0, september.wadl(), EXACT);
        assertEquals(0.995, september.cohortOpenShare(), EXACT);
    }

    @Test
    void ratiosWithNothingToDivideByAreUndefined() {
        // A first month with 1,000 of AR, all past due, and no sales: no DSO (nothing to divide by), no countback
        // DSO (the history runs out before the balance does), no best possible countback DSO (no current AR and no
        // sale to measure it by, 0 / 0, where it read 0 days), no CEI (0 + 0 - 0 current), no collection ratio
        // (0 / 0), no on-time or dispute rate (nothing due, nothing issued).
        PeriodMetrics.Period p = PeriodMetrics.of(List.of(new Figures("2025-01").endingAr(1_000, 0).build()),
                DayCount.ACTUAL).get(0);
        assertNull(p.dsoStandard());
        assertNull(p.dsoCountback());
        assertNull(p.bpdsoCountback());
        assertNull(p.ddsoCountback());
        assertNull(p.cei());
        assertNull(p.collectionRatio());
        assertNull(p.onTimeRateCount());
        assertNull(p.disputeRate());
        assertEquals(31, p.days());
    }
}
