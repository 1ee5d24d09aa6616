package io.arscope.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The forecast's arithmetic on tables small enough to work by hand.
 *
 * <p>The curve: offsets 0..3; A (100) paid 50 on day 1 and 50 on day 2; B (100) credited in full on day 1; C (200)
 * still open at the origin, last seen on day 1. Day 1: 400 at risk, cash hazard 50/400 = 0.125, other 100/400 =
 * 0.25, then 50 + 100 + 200 leave; day 2: 50 at risk, all paid (hazard 1); day 3: nothing at risk.
 */
class ForecastMathTest {

    private static final double EPS = 1e-9;

    private static SettlementCurve curve() {
        return new SettlementCurve.Builder(0, 3)
                .add(0, 400, 0, 0, 0, 0, 3)
                .add(1, 0, 50, 60, 40, 200, 0)
                .add(2, 0, 50, 0, 0, 0, 0)
                .build();
    }

    @Test
    void lifeTableHazardsAndShares() {
        SettlementCurve c = curve();
        assertEquals(400, c.atRisk(1), EPS);
        assertEquals(50, c.atRisk(2), EPS);
        assertEquals(0, c.atRisk(3), EPS);
        assertEquals(0.125, c.cashHazard(1), EPS);
        assertEquals(1.0, c.cashHazard(2), EPS);
        // Open at the end of day 0: 0.125 paid on day 1, 0.15 credited and 0.1 written off; 1 - 0.125 - 0.15 - 0.1 =
        // 0.625 still open, all paid on day 2.
        assertArrayEquals(new double[] {0.125, 0.625, 0}, c.cashShares(0, 3), EPS);
        assertArrayEquals(new double[] {0.15, 0, 0}, c.creditMemoShares(0, 3), EPS);
        assertArrayEquals(new double[] {0.1, 0, 0}, c.writeOffShares(0, 3), EPS);
        assertArrayEquals(new double[] {0, 0.125}, c.cashSharesFromStart(2), EPS);
        // Past the table's end nothing is expected.
        assertArrayEquals(new double[] {0, 0}, c.cashShares(3, 2), EPS);
        assertEquals(3, c.invoices());
    }

    @Test
    void cashFromOpenInvoicesAndNewSales() {
        SettlementCurve c = curve();
        SettlementCurve neverPays = new SettlementCurve.Builder(0, 3).add(0, 100, 0, 0, 0, 100, 1).build();
        CashForecast f = CashForecast.of(Map.of("slow", neverPays), c,
                List.of(new CashForecast.OpenBalance("x", 0, 1000), new CashForecast.OpenBalance("slow", 0, 500),
                        new CashForecast.OpenBalance("x", 4, 700)),
                c, 80, 3);
        // x at day 0 uses the fallback curve; "slow" its own (nothing paid); offset 4 lies past the table.
        assertArrayEquals(new double[] {125, 625, 0}, f.openCash(), EPS);
        assertArrayEquals(new double[] {150, 0, 0}, f.openCreditMemos(), EPS);
        assertArrayEquals(new double[] {100, 0, 0}, f.openWriteOffs(), EPS);
        // 80 a day issued on days 1, 2, 3, each paying 0 on its invoice date, 0.125 a day later, 0.625 two days later.
        assertArrayEquals(new double[] {0, 10, 60}, f.newCash(), EPS);
        assertArrayEquals(new double[] {0, 12, 12}, f.newCreditMemos(), EPS);
        assertArrayEquals(new double[] {0, 8, 8}, f.newWriteOffs(), EPS);
        assertArrayEquals(new double[] {80, 80, 80}, f.newSales(), EPS);
        assertEquals(750, f.openCashInWeek(1), EPS);
    }

    @Test
    void dsoRollsReceivablesForwardToEachMonthEnd() {
        double[] sales = filled(29, 10);
        CashForecast f = new CashForecast(filled(29, 5), filled(29, 1), filled(29, 0.3), filled(29, 0),
                filled(29, 0.2), filled(29, 0), sales);
        LocalDate asOf = LocalDate.of(2026, 1, 30);
        assertEquals(29, DsoForecast.daysToCover(asOf, 2));
        List<DsoForecast.MonthEnd> ends = DsoForecast.of(asOf, 1000, f, 300, 2);
        // 31 Jan: 1000 + 10 - 6 - 0.3 - 0.2 = 1003.5; January's sales 300 booked + 10 = 310; DSO 1003.5 / 310 x 31.
        assertEquals(new DsoForecast.MonthEnd(LocalDate.of(2026, 1, 31), 1, money("1000.00"), money("10.00"),
                money("6.00"), money("0.30"), money("0.20"), money("1003.50"), money("310.00"), 31, 1003.5 / 310 * 31),
                ends.get(0));
        assertEquals(100.35, ends.get(0).dso(), EPS);
        // 28 Feb opens with January's ending AR: 28 more days of +10 - 6 - 0.3 - 0.2, 1101.5; sales 280, all expected.
        assertEquals(new DsoForecast.MonthEnd(LocalDate.of(2026, 2, 28), 29, money("1003.50"), money("280.00"),
                money("168.00"), money("8.40"), money("5.60"), money("1101.50"), money("280.00"), 28, 1101.5 / 280 * 28),
                ends.get(1));
        assertEquals(110.15, ends.get(1).dso(), EPS);
        // On a month-end the next month-end is the following one.
        assertEquals(LocalDate.of(2026, 2, 28), DsoForecast.of(LocalDate.of(2026, 1, 31), 0, f, 0, 1).get(0).monthEnd());
    }

    /**
     * Each month's movements are rounded to the cent once and the ending AR is made of them, so that the row closes
     * exactly, as dso_forecast's check requires. 28 days of sales 0.004, cash 0.003, credit memos 0.002 and
     * write-offs 0.002 a day: sales 0.112 -> 0.11, cash 0.084 -> 0.08, credit memos and write-offs 0.056 -> 0.06
     * each; ending 100.00 + 0.11 - 0.08 - 0.06 - 0.06 = 99.91, where the unrounded roll-forward, 99.916, rounded on
     * its own to 99.92 and left the row a cent apart.
     */
    @Test
    void eachDsoMonthClosesExactlyInCents() {
        CashForecast f = new CashForecast(filled(28, 0.003), filled(28, 0), filled(28, 0.002), filled(28, 0),
                filled(28, 0.002), filled(28, 0), filled(28, 0.004));
        DsoForecast.MonthEnd feb = DsoForecast.of(LocalDate.of(2026, 1, 31), 100, f, 0, 1).get(0);
        assertEquals(money("100.00"), feb.openingAr());
        assertEquals(money("0.11"), feb.expectedSales());
        assertEquals(money("0.08"), feb.expectedCollections());
        assertEquals(money("0.06"), feb.expectedCreditMemos());
        assertEquals(money("0.06"), feb.expectedWriteOffs());
        assertEquals(money("99.91"), feb.endingAr());
        assertEquals(feb.endingAr(), feb.openingAr().add(feb.expectedSales()).subtract(feb.expectedCollections())
                .subtract(feb.expectedCreditMemos()).subtract(feb.expectedWriteOffs()));
    }

    private static java.math.BigDecimal money(String amount) {
        return new java.math.BigDecimal(amount);
    }

    /**
     * O1 (4 Jan) forecast 100, 100 and saw 90, 120; O2 (11 Jan) 200, 100 and saw 220, 80; O3 (18 Jan, the as-of
     * date) forecasts 100, 50. Week 1 ratios known on 18 Jan: 0.9 and 1.1; their 25th and 75th percentiles are 0.95
     * and 1.05. Week 2: only O1's 1.2 had ended by then.
     */
    @Test
    void intervalsUseOnlyErrorsKnownOnTheDay() {
        LocalDate o1 = LocalDate.of(2026, 1, 4);
        LocalDate o2 = LocalDate.of(2026, 1, 11);
        LocalDate o3 = LocalDate.of(2026, 1, 18);
        List<ForecastBacktest.OriginForecast> past = List.of(
                new ForecastBacktest.OriginForecast(o1, new double[] {100, 100}, new double[] {90, 120}),
                new ForecastBacktest.OriginForecast(o2, new double[] {200, 100}, new double[] {220, 80}));
        ForecastBacktest.Interval week1 = ForecastBacktest.interval(past, o3, 1, 100, 0.5, 2);
        assertEquals(95, week1.lower(), EPS);
        assertEquals(105, week1.upper(), EPS);
        assertEquals(2, week1.calibration());
        ForecastBacktest.Interval week2 = ForecastBacktest.interval(past, o3, 2, 50, 0.5, 2);
        assertNull(week2.lower());
        assertEquals(1, week2.calibration());
        assertEquals(List.of(1.2), ForecastBacktest.ratiosKnownBy(past, o3, 2).stream()
                .map(r -> Math.round(r * 1e9) / 1e9).toList());

        List<ForecastBacktest.Evaluated> evaluated = ForecastBacktest.evaluate(past, 0.5, 1);
        assertEquals(4, evaluated.size());
        ForecastBacktest.Evaluated o2w1 = evaluated.get(2);
        assertEquals(o2, o2w1.origin());
        assertEquals(180, o2w1.lower(), EPS);
        assertEquals(180, o2w1.upper(), EPS);
        assertEquals(false, o2w1.covered());
        List<ForecastBacktest.Accuracy> accuracy = ForecastBacktest.accuracy(evaluated, 2);
        // Week 1: |90-100| + |220-200| = 30 over 310 collected; forecast 300, so bias -10/310; one interval, missed.
        assertEquals(2, accuracy.get(0).origins());
        assertEquals(30.0 / 310, accuracy.get(0).wape(), EPS);
        assertEquals(-10.0 / 310, accuracy.get(0).bias(), EPS);
        assertEquals(1, accuracy.get(0).withInterval());
        assertEquals(0.0, accuracy.get(0).coverage(), EPS);
        // Week 2: 20 + 20 over 200; no interval yet.
        assertEquals(0.2, accuracy.get(1).wape(), EPS);
        assertEquals(0.0, accuracy.get(1).bias(), EPS);
        assertNull(accuracy.get(1).coverage());
    }

    @Test
    void quantilesInterpolateBetweenOrderStatistics() {
        double[] sorted = {1, 2, 3, 4, 5};
        assertEquals(1.4, PredictionInterval.quantile(sorted, 0.1), EPS);
        assertEquals(4.6, PredictionInterval.quantile(sorted, 0.9), EPS);
        assertArrayEquals(new double[] {1.4, 4.6}, PredictionInterval.ratioBounds(List.of(5.0, 3.0, 1.0, 4.0, 2.0),
                0.8), EPS);
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }
}
