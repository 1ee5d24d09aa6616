package io.arscope.forecast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    private static final double STEP = ForecastOptions.DEFAULT_INTERVAL_ADAPTATION;

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
     * O1 (4 Jan) forecast 100, 100 and saw 90, 120; O2 (11 Jan) 200, 100 and saw 220, 80; O3 (18 Jan) 100, 100 and
     * saw 100, 110; O4 (25 Jan) 100, 100 and saw 105 in week 1, its week 2 not ended by the as-of date, 1 Feb, which
     * forecasts 100, 50. At 50% the conformal rank among n ratios is k = ceil((n + 1) x 0.75): 4 of 4 and 3 of 3, so
     * both weeks take the smallest and the largest ratio known on 1 Feb: week 1 0.9 .. 1.1 of O1 to O4, week 2 0.8 ..
     * 1.2 of O1 to O3 (O4's week 2 had not ended). With 2 ratios k = 3 exceeds n: no interval.
     */
    @Test
    void intervalsUseOnlyErrorsKnownOnTheDay() {
        LocalDate o1 = LocalDate.of(2026, 1, 4);
        LocalDate o2 = LocalDate.of(2026, 1, 11);
        LocalDate o3 = LocalDate.of(2026, 1, 18);
        LocalDate o4 = LocalDate.of(2026, 1, 25);
        LocalDate asOf = LocalDate.of(2026, 2, 1);
        List<ForecastBacktest.OriginForecast> past = List.of(
                new ForecastBacktest.OriginForecast(o1, new double[] {100, 100}, new double[] {90, 120}),
                new ForecastBacktest.OriginForecast(o2, new double[] {200, 100}, new double[] {220, 80}),
                new ForecastBacktest.OriginForecast(o3, new double[] {100, 100}, new double[] {100, 110}),
                new ForecastBacktest.OriginForecast(o4, new double[] {100, 100}, new double[] {105, Double.NaN}));
        ForecastBacktest.Interval week1 = ForecastBacktest.interval(past, asOf, 1, 100, 0.5, 2, 0);
        assertEquals(90, week1.lower(), EPS);
        assertEquals(110, week1.upper(), EPS);
        assertEquals(4, week1.calibration());
        ForecastBacktest.Interval week2 = ForecastBacktest.interval(past, asOf, 2, 50, 0.5, 2, 0);
        assertEquals(40, week2.lower(), EPS);
        assertEquals(60, week2.upper(), EPS);
        assertEquals(3, week2.calibration());
        assertEquals(List.of(1.2, 0.8, 1.1), ForecastBacktest.ratiosKnownBy(past, asOf, 2).stream()
                .map(r -> Math.round(r * 1e9) / 1e9).toList());

        // Reported from O3 on; O1 and O2 only calibrate.
        List<ForecastBacktest.Evaluated> evaluated = ForecastBacktest.evaluate(past, o3, 0.5, 2, 0);
        assertEquals(List.of(o3, o3, o4), evaluated.stream().map(ForecastBacktest.Evaluated::origin).toList());
        // O3 week 1: on 18 Jan only O1's and O2's week 1 had ended, 2 ratios: no interval.
        assertNull(evaluated.get(0).lower());
        assertEquals(2, evaluated.get(0).calibration());
        // O3 week 2: only O1's week 2 (ended 18 Jan), 1 ratio, under the minimum of 2.
        assertNull(evaluated.get(1).lower());
        assertEquals(1, evaluated.get(1).calibration());
        // O4 week 1: 0.9, 1.1, 1.0 known on 25 Jan, k = 3 of 3: 90 .. 110 holds 105.
        ForecastBacktest.Evaluated o4w1 = evaluated.get(2);
        assertEquals(90, o4w1.lower(), EPS);
        assertEquals(110, o4w1.upper(), EPS);
        assertEquals(true, o4w1.covered());
        List<ForecastBacktest.Accuracy> accuracy = ForecastBacktest.accuracy(evaluated, 2);
        // Week 1: |100-100| + |105-100| = 5 over 205 collected; forecast 200, so bias -5/205; one interval, held.
        assertEquals(2, accuracy.get(0).origins());
        assertEquals(5.0 / 205, accuracy.get(0).wape(), EPS);
        assertEquals(-5.0 / 205, accuracy.get(0).bias(), EPS);
        assertEquals(1, accuracy.get(0).withInterval());
        assertEquals(1.0, accuracy.get(0).coverage(), EPS);
        // Week 2: O3 alone, 10 over 110; no interval.
        assertEquals(1, accuracy.get(1).origins());
        assertEquals(10.0 / 110, accuracy.get(1).wape(), EPS);
        assertEquals(-10.0 / 110, accuracy.get(1).bias(), EPS);
        assertEquals(0, accuracy.get(1).withInterval());
        assertNull(accuracy.get(1).coverage());
    }

    /**
     * The same origins' cash to date: week 2 is weeks 1 and 2 together, forecast 200, 300, 200, 200 against actual
     * 210, 300, 210 and unknown for O4 (its week 2 had not ended). On 1 Feb the two weeks' totals of O1 to O3 are
     * known, ratios 1.05, 1.0, 1.05: at 50%, k = ceil(4 x 0.75) = 3 of 3, so a total of 150 gets 150 .. 157.5. The
     * weeks' own bounds would add up to 130 .. 170 for the same total (90 .. 110 and 40 .. 60): wider, because the
     * errors of O1 and O2 offset across their two weeks.
     */
    @Test
    void theCashToDateHasItsOwnIntervalFromPastTotals() {
        LocalDate asOf = LocalDate.of(2026, 2, 1);
        List<ForecastBacktest.OriginForecast> past = List.of(
                new ForecastBacktest.OriginForecast(LocalDate.of(2026, 1, 4), new double[] {100, 100},
                        new double[] {90, 120}),
                new ForecastBacktest.OriginForecast(LocalDate.of(2026, 1, 11), new double[] {200, 100},
                        new double[] {220, 80}),
                new ForecastBacktest.OriginForecast(LocalDate.of(2026, 1, 18), new double[] {100, 100},
                        new double[] {100, 110}),
                new ForecastBacktest.OriginForecast(LocalDate.of(2026, 1, 25), new double[] {100, 100},
                        new double[] {105, Double.NaN}));
        List<ForecastBacktest.OriginForecast> toDate = ForecastBacktest.toDate(past);
        assertEquals(List.of(100.0, 200.0, 200.0, 300.0, 100.0, 200.0, 100.0, 200.0), toDate.stream()
                .flatMap(o -> java.util.Arrays.stream(o.forecast()).boxed()).toList());
        assertEquals(List.of(90.0, 210.0, 220.0, 300.0, 100.0, 210.0, 105.0), toDate.stream()
                .flatMap(o -> java.util.Arrays.stream(o.actual()).boxed()).filter(a -> !a.isNaN()).toList());
        assertTrue(Double.isNaN(toDate.get(3).actual()[1]));
        // The input is left as it was.
        assertEquals(120, past.get(0).actual()[1], EPS);

        ForecastBacktest.Interval total = ForecastBacktest.interval(toDate, asOf, 2, 150, 0.5, 2, 0);
        assertEquals(150, total.lower(), EPS);
        assertEquals(157.5, total.upper(), EPS);
        assertEquals(3, total.calibration());
    }

    /**
     * Nineteen ratios 0.81, 0.82, ..., 0.99 at 80%: k = ceil(20 x 0.9) = 18, so the bounds are the 18th largest
     * (0.82, the 2nd smallest) and the 18th smallest (0.98). Nine ratios: k = ceil(10 x 0.9) = 9, the smallest and
     * the largest. Eight: k = 9 exceeds 8, no bound. At 50%, seven ratios: k = ceil(8 x 0.75) = 6, the 2nd smallest
     * and the 2nd largest.
     */
    @Test
    void conformalBoundsTakeTheFiniteSampleRankOnEachSide() {
        List<Double> nineteen = new java.util.ArrayList<>();
        for (int i = 19; i >= 1; i--) {
            nineteen.add(0.8 + i / 100.0);
        }
        assertEquals(18, PredictionInterval.conformalRank(19, 0.8));
        assertArrayEquals(new double[] {0.82, 0.98}, PredictionInterval.ratioBounds(nineteen, 0.8), EPS);
        assertEquals(9, PredictionInterval.conformalRank(9, 0.8));
        assertArrayEquals(new double[] {0.9, 1.3}, PredictionInterval.ratioBounds(
                List.of(1.0, 1.3, 0.9, 1.1, 1.2, 0.95, 1.05, 1.15, 1.25), 0.8), EPS);
        assertNull(PredictionInterval.ratioBounds(List.of(1.0, 1.3, 0.9, 1.1, 1.2, 0.95, 1.05, 1.15), 0.8));
        assertEquals(6, PredictionInterval.conformalRank(7, 0.5));
        assertArrayEquals(new double[] {2, 6}, PredictionInterval.ratioBounds(
                List.of(5.0, 3.0, 7.0, 1.0, 4.0, 2.0, 6.0), 0.5), EPS);
    }

    /**
     * Week-1 ratios actual / forecast of seven weekly origins O1..O7: 1.0, 1.2, 0.8, 1.1, 0.9, 0.5, 0.45; today is O8,
     * forecasting 100, at 50% (each side aims to miss 0.25) with step 0.2. Replayed in order, each with the ratios known
     * on its own day: O1 to O3 had fewer than 3 (no interval at 50%, nothing moves); O4, ranks ceil(4 x 0.75) = 3 of
     * 3: 0.8 .. 1.2 holds 1.1, both rates + 0.2 x 0.25 = 0.30; O5, ceil(5 x 0.7) = 4 of 4: 0.8 .. 1.2 holds 0.9, both
     * 0.35; O6, ceil(6 x 0.65) = 4 of 5: 0.9 .. 1.1, 0.5 falls below, low 0.35 + 0.2 x (0.25 - 1) = 0.20, high 0.40;
     * O7, low ceil(7 x 0.8) = 6 of 6, the smallest 0.5, high ceil(7 x 0.6) = 5, the 5th smallest 1.1: 0.45 falls
     * below, low 0.05, high 0.45. Today, 7 ratios: low ceil(8 x 0.95) = 8 beyond 7, so the smallest, 0.45; high
     * ceil(8 x 0.55) = 5, the 5th smallest, 1.0: 45 .. 100, where the plain interval (k = ceil(8 x 0.75) = 6) gives
     * 50 .. 110, still centred on the year before the ratios fell.
     */
    @Test
    void anAdaptedIntervalFollowsActualsThatFellBelowIt() {
        double[] ratios = {1.0, 1.2, 0.8, 1.1, 0.9, 0.5, 0.45};
        LocalDate o1 = LocalDate.of(2026, 1, 4);
        List<ForecastBacktest.OriginForecast> past = new java.util.ArrayList<>();
        for (int i = 0; i < ratios.length; i++) {
            past.add(new ForecastBacktest.OriginForecast(o1.plusWeeks(i), new double[] {100},
                    new double[] {100 * ratios[i]}));
        }
        LocalDate today = o1.plusWeeks(7);
        AdaptiveConformal.MissRates miss = AdaptiveConformal.missRates(past, today, 1, 0.5, 2, 0.2);
        assertEquals(0.05, miss.low(), EPS);
        assertEquals(0.45, miss.high(), EPS);
        ForecastBacktest.Interval adapted = ForecastBacktest.interval(past, today, 1, 100, 0.5, 2, 0.2);
        assertEquals(45, adapted.lower(), EPS);
        assertEquals(100, adapted.upper(), EPS);
        assertEquals(7, adapted.calibration());
        ForecastBacktest.Interval plain = ForecastBacktest.interval(past, today, 1, 100, 0.5, 2, 0);
        assertEquals(50, plain.lower(), EPS);
        assertEquals(110, plain.upper(), EPS);
        assertEquals(new AdaptiveConformal.MissRates(0.25, 0.25),
                AdaptiveConformal.missRates(past, today, 1, 0.5, 2, 0));
    }

    /**
     * A side's rank ceil((n + 1)(1 - miss)) stays between the median and n: 10 ratios at miss 0.1 give 10 (the
     * extreme, as the plain 80% rank ceil(11 x 0.9)); at miss -0.1 (adapted below zero) 13, held at 10; at 0.9
     * (adapted far up) 2, held at 6 so that the lower bound, the 6th largest, is the 5th smallest and never passes
     * the upper, the 6th smallest.
     */
    @Test
    void aSideRankStaysBetweenTheMedianAndTheExtreme() {
        assertEquals(10, PredictionInterval.sideRank(10, 0.1));
        assertEquals(10, PredictionInterval.sideRank(10, -0.1));
        assertEquals(6, PredictionInterval.sideRank(10, 0.9));
        assertEquals(5, PredictionInterval.sideRank(9, 0.9));
        List<Double> ten = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);
        assertArrayEquals(new double[] {5, 6}, PredictionInterval.ratioBounds(ten, 0.9, 0.9), EPS);
        assertArrayEquals(new double[] {1, 10}, PredictionInterval.ratioBounds(ten, -0.1, 0.1), EPS);
        assertArrayEquals(PredictionInterval.ratioBounds(ten, 0.8), PredictionInterval.ratioBounds(ten, 0.1, 0.1),
                EPS);
    }

    /**
     * Forty weekly origins with a known actual in each of 3 weeks: the interval every origin gets at every week, with
     * the default adaptation (whose replay of earlier origins must not peek either), is the same when every outcome that had not ended by that origin (its own and those of later origins, and the later
     * weeks of earlier ones) is replaced by a wild value, and it does move when known ones are; so no interval rests on
     * an outcome that came after it.
     */
    @Test
    void anIntervalUsesNoOutcomeLaterThanItsOrigin() {
        LocalDate first = LocalDate.of(2025, 1, 5);
        List<ForecastBacktest.OriginForecast> origins = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            double[] forecast = {100 + i, 90 + i, 80 + i};
            double[] actual = new double[3];
            for (int w = 0; w < 3; w++) {
                actual[w] = forecast[w] * (0.8 + ((i * 7 + w * 3) % 11) * 0.04);
            }
            origins.add(new ForecastBacktest.OriginForecast(first.plusWeeks(i), forecast, actual));
        }
        List<ForecastBacktest.Evaluated> honest = ForecastBacktest.evaluate(origins, first, 0.8, 8, STEP);
        int withInterval = 0;
        for (ForecastBacktest.Evaluated e : honest) {
            List<ForecastBacktest.OriginForecast> futureChanged = replacedOutcomes(origins,
                    (o, w) -> o.plusWeeks(w).isAfter(e.origin()));
            ForecastBacktest.Interval again = ForecastBacktest.interval(futureChanged, e.origin(), e.week(),
                    e.forecast(), 0.8, 8, STEP);
            assertEquals(e.lower(), again.lower(), e.origin() + " week " + e.week());
            assertEquals(e.upper(), again.upper(), e.origin() + " week " + e.week());
            assertEquals(e.calibration(), again.calibration());
            withInterval += e.lower() == null ? 0 : 1;
        }
        // Origin i (from 0) knows i - w + 1 ratios at week w; 9 are needed at 80%: i = 9..39 in week 1, 10..39 in
        // week 2, 11..39 in week 3.
        assertEquals(31 + 30 + 29, withInterval);
        ForecastBacktest.Evaluated last = honest.get(honest.size() - 1);
        ForecastBacktest.Interval pastChanged = ForecastBacktest.interval(
                replacedOutcomes(origins, (o, w) -> !o.plusWeeks(w).isAfter(last.origin())), last.origin(),
                last.week(), last.forecast(), 0.8, 8, STEP);
        assertEquals(last.lower() * 1000, pastChanged.lower(), 1e-6);
    }

    /** Origins whose outcome at week w (1-based) is multiplied by 1000 where {@code replaced} says so. */
    private static List<ForecastBacktest.OriginForecast> replacedOutcomes(List<ForecastBacktest.OriginForecast> origins,
            java.util.function.BiPredicate<LocalDate, Integer> replaced) {
        List<ForecastBacktest.OriginForecast> out = new java.util.ArrayList<>();
        for (ForecastBacktest.OriginForecast o : origins) {
            double[] actual = o.actual().clone();
            for (int w = 1; w <= actual.length; w++) {
                if (replaced.test(o.origin(), w)) {
                    actual[w - 1] *= 1000;
                }
            }
            out.add(new ForecastBacktest.OriginForecast(o.origin(), o.forecast(), actual));
        }
        return out;
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }
}
