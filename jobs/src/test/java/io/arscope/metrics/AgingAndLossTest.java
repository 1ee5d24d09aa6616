package io.arscope.metrics;

import io.arscope.ledger.AgingBuckets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The pure pieces, against the worked examples of the metric definitions. */
class AgingAndLossTest {

    private static final List<BigDecimal> BALANCES = List.of(new BigDecimal("110000.00"), new BigDecimal("25000.00"),
            new BigDecimal("9000.00"), new BigDecimal("4000.00"), new BigDecimal("2000.00"));
    private static final List<Double> ROLL_RATES = List.of(0.08, 0.30, 0.45, 0.60, 0.70);

    @Test
    void agingBucketsFollowDaysPastDueAgainstTheInvoicesOwnDueDate() {
        AgingBuckets b = AgingBuckets.DEFAULT;
        assertEquals(List.of("current", "1-30", "31-60", "61-90", "91+"), b.labels());
        // Due 15 February, as of 31 March: 44 days past due.
        assertEquals(2, b.index(java.time.temporal.ChronoUnit.DAYS.between(java.time.LocalDate.of(2025, 2, 15),
                java.time.LocalDate.of(2025, 3, 31))));
        assertEquals(0, b.index(0));
        assertEquals(0, b.index(-10));
        assertEquals(1, b.index(1));
        assertEquals(1, b.index(30));
        assertEquals(4, b.index(91));
        assertEquals(List.of("current", "1-15", "16-45", "46+"), AgingBuckets.parse("15, 45").labels());
        assertEquals("aging bucket bounds must be positive and increasing, were [30, 30]",
                assertThrows(IllegalArgumentException.class, () -> AgingBuckets.parse("30,30")).getMessage());
    }

    @Test
    void countbackWalksBackThroughMonthlySales() {
        assertEquals(39.0, CountbackDso.days(150_000, List.of(120_000.0, 100_000.0, 90_000.0), List.of(30, 30, 30)));
        assertEquals(27.5, CountbackDso.days(110_000, List.of(120_000.0, 100_000.0, 90_000.0), List.of(30, 30, 30)));
        assertEquals(61.0, CountbackDso.days(220_000, List.of(120_000.0, 100_000.0, 90_000.0), List.of(30, 31, 30)));
        assertEquals(0.0, CountbackDso.days(0, List.of(120_000.0), List.of(30)));
        assertEquals(0.0, CountbackDso.days(0, List.of(0.0, 0.0, 5.0), List.of(30, 31, 30)));
        // No balance and no sale in the whole history: no DSO, as for the standard one, rather than 0 days.
        assertNull(CountbackDso.days(0, List.of(0.0, 0.0), List.of(30, 31)));
        assertNull(CountbackDso.days(0, List.of(), List.of()));
        assertNull(CountbackDso.days(500, List.of(100.0, 100.0), List.of(30, 30)));
    }

    @Test
    void provisionMatrixGivesTheWorkedLossRatesAndAllowance() {
        List<ProvisionMatrix.Line> lines = ProvisionMatrix.of(AgingBuckets.DEFAULT.labels(), ROLL_RATES, BALANCES, 1.0);
        assertEquals(List.of(0.45, 5.67, 18.9, 42.0, 70.0), lines.stream()
                .map(l -> Math.round(l.lossRate() * 10_000) / 100.0).toList());
        assertEquals(new BigDecimal("6697.46"), ProvisionMatrix.total(lines));
        assertEquals(4.46, Math.round(6697.46 / 150_000 * 10_000) / 100.0);
        assertEquals(new BigDecimal("7367.21"), ProvisionMatrix.total(ProvisionMatrix.of(AgingBuckets.DEFAULT.labels(),
                ROLL_RATES, BALANCES, 1.10)));
    }

    /**
     * A ledger with no write-off at all has measured no loss: its last bucket's write-off rate, and with it every loss
     * rate and the allowance, is unknown, not 0. With a write-off on record the matrix is the worked one.
     */
    @Test
    void withoutAWriteOffOnRecordNoLossRateIsMeasured() {
        List<ProvisionMatrix.Line> none = ProvisionMatrix.of(AgingBuckets.DEFAULT.labels(), ROLL_RATES, BALANCES, 1.0,
                false);
        assertEquals(java.util.Collections.nCopies(5, null), none.stream().map(ProvisionMatrix.Line::lossRate).toList());
        assertNull(none.get(4).rollRate());
        assertNull(ProvisionMatrix.total(none));
        assertEquals(ROLL_RATES.get(0), none.get(0).rollRate());
        assertEquals(new BigDecimal("6697.46"), ProvisionMatrix.total(ProvisionMatrix.of(AgingBuckets.DEFAULT.labels(),
                ROLL_RATES, BALANCES, 1.0, true)));
        assertEquals("no write-off on record, so no loss rate can be measured", ProvisionMatrix.unknownBecause(false));
    }

    @Test
    void rollRatesAboveOneAreFlaggedAndAveragesUseTheRecentMonths() {
        java.util.SortedMap<java.time.YearMonth, List<RollRates.Movement>> m = new java.util.TreeMap<>();
        BigDecimal z = BigDecimal.ZERO;
        for (int i = 1; i <= 14; i++) {
            // Month i rolls i% of 1,000 from current; month 14 reports more rolled than was there.
            BigDecimal rolled = i == 14 ? new BigDecimal("1200") : new BigDecimal(i * 10);
            m.put(java.time.YearMonth.of(2024, 1).plusMonths(i), List.of(
                    new RollRates.Movement(new BigDecimal("1000"), rolled, z, z),
                    new RollRates.Movement(new BigDecimal("100"), z, new BigDecimal("25"), new BigDecimal("50"))));
        }
        List<RollRates.Roll> rolls = RollRates.of(m);
        assertEquals(1, rolls.stream().filter(RollRates.Roll::aboveOne).count());
        List<Double> averages = RollRates.average(rolls, 2, 12);
        // The last 12 months: months 3..13 at 3%..13% and month 14 at 120%.
        double expected = (java.util.stream.IntStream.rangeClosed(3, 13).mapToDouble(i -> i / 100.0).sum() + 1.2) / 12;
        assertEquals(expected, averages.get(0), 1e-12);
        // The last bucket writes off a quarter of what it holds each month and still holds half a month on: of its
        // money, 0.25 / (1 - 0.5) = half is lost in the end (a quarter, then an eighth, ...).
        assertEquals(0.5, averages.get(1), 1e-12);
        assertEquals(List.of(12, 12), RollRates.monthsUsed(rolls, 2, 12));
    }

    /**
     * The last bucket holds its money for months: of 1,000 in it at each month-end, 300 is written off during the
     * next month, 650 is still in it at that month's end and 50 is paid. Its write-off rate is 0.3 / (1 - 0.65) =
     * 6/7 (300 of each 350 that leave), not the month's 30%; one that never lets anything go has none.
     */
    @Test
    void theLastBucketsWriteOffRateIsTheShareEventuallyWrittenOff() {
        java.util.SortedMap<java.time.YearMonth, List<RollRates.Movement>> m = new java.util.TreeMap<>();
        java.util.SortedMap<java.time.YearMonth, List<RollRates.Movement>> stuck = new java.util.TreeMap<>();
        BigDecimal z = BigDecimal.ZERO;
        for (int i = 1; i <= 3; i++) {
            m.put(java.time.YearMonth.of(2026, i), List.of(new RollRates.Movement(new BigDecimal("1000"),
                    new BigDecimal("100"), z, z), new RollRates.Movement(new BigDecimal("1000"), z,
                    new BigDecimal("300"), new BigDecimal("650"))));
            stuck.put(java.time.YearMonth.of(2026, i), List.of(new RollRates.Movement(new BigDecimal("1000"),
                    new BigDecimal("100"), z, z), new RollRates.Movement(new BigDecimal("1000"), z, z,
                    new BigDecimal("1000"))));
        }
        List<RollRates.Roll> rolls = RollRates.of(m);
        assertEquals(0.3, rolls.get(1).rate(), 1e-12, "the month's own rate, as roll_rates shows it");
        assertEquals(new BigDecimal("650"), rolls.get(1).stayedAmount());
        assertEquals(null, rolls.get(0).stayedAmount());
        assertEquals(6.0 / 7, RollRates.average(rolls, 2, 12).get(1), 1e-12);
        assertEquals(null, RollRates.average(RollRates.of(stuck), 2, 12).get(1));
    }

    /**
     * A ledger whose items never reached the last buckets (IBM's: nothing over 45 days late, no write-off) has no
     * roll rate for them: the loss rates through them and the allowance on any money before them are unknown, not
     * 0; a bucket with no balance needs no allowance whatever its rate.
     */
    @Test
    void aBucketThatNeverHeldMoneyLeavesTheAllowanceUnknownNotZero() {
        java.util.SortedMap<java.time.YearMonth, List<RollRates.Movement>> m = new java.util.TreeMap<>();
        BigDecimal z = BigDecimal.ZERO;
        // Current rolls 10% into 1-30 each month; 1-30 never rolls on; nothing is ever 31+ days past due.
        for (int i = 1; i <= 3; i++) {
            m.put(java.time.YearMonth.of(2013, i), List.of(new RollRates.Movement(new BigDecimal("1000"),
                    new BigDecimal("100"), z, z), new RollRates.Movement(new BigDecimal("100"), z, z, z),
                    new RollRates.Movement(z, z, z, z), new RollRates.Movement(z, z, z, z),
                    new RollRates.Movement(z, z, z, z)));
        }
        List<Double> averages = RollRates.average(RollRates.of(m), 5, 12);
        assertEquals(0.1, averages.get(0), 1e-12);
        assertEquals(java.util.Arrays.asList(0.0, null, null, null), averages.subList(1, 5));
        List<ProvisionMatrix.Line> lines = ProvisionMatrix.of(AgingBuckets.DEFAULT.labels(), averages,
                List.of(new BigDecimal("4563.74"), new BigDecimal("465.48"), z, z, z), 1.0);
        assertEquals(java.util.Arrays.asList(null, null, null, null, null),
                lines.stream().map(ProvisionMatrix.Line::lossRate).toList());
        assertEquals(java.util.Arrays.asList(null, null, new BigDecimal("0.00"), new BigDecimal("0.00"),
                new BigDecimal("0.00")), lines.stream().map(ProvisionMatrix.Line::ecl).toList());
        assertEquals(null, ProvisionMatrix.total(lines));
    }
}
