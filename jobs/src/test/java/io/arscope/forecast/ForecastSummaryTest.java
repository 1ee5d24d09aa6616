package io.arscope.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The forecast's printed lines on an outcome made by hand: a figure without a value reads "n/a" and why. */
class ForecastSummaryTest {

    private static final ForecastOptions EIGHTY = new ForecastOptions("in", "out", null, null, 1, 2, 0, 0, 0.8, 8, 1,
            30, -10, 60, 14);

    @Test
    void dsoWithoutExpectedSalesAndABacktestWithoutCashOrIntervalsSayWhy() {
        ForecastJob.Outcome o = new ForecastJob.Outcome(LocalDate.parse("2019-12-31"), 1600, 0,
                List.of(new ForecastJob.Week(1, LocalDate.parse("2020-01-01"), LocalDate.parse("2020-01-07"), 200, 50,
                        null, null, 0, null, null), new ForecastJob.Week(2, LocalDate.parse("2020-01-08"),
                                LocalDate.parse("2020-01-14"), 100, 0, 80.0, 120.0, 10, 300.0, 390.0)),
                // January: nothing invoiced or expected, so no DSO; February: 2,000 / 1,000 x 29 days.
                List.of(new DsoForecast.MonthEnd(LocalDate.parse("2020-01-31"), 31, money("1600.00"), money("0.00"),
                        money("230.00"), money("15.00"), money("5.00"), money("1350.00"), money("0.00"), 31, null),
                        new DsoForecast.MonthEnd(LocalDate.parse("2020-02-29"), 60, money("1350.00"),
                                money("1000.00"), money("350.00"), money("0.00"), money("0.00"), money("2000.00"),
                                money("1000.00"), 29, 58.0)),
                List.of(),
                List.of(new ForecastBacktest.Accuracy(1, 52, 0, 10, null, null, 0, null),
                        new ForecastBacktest.Accuracy(2, 51, 400, 300, 0.25, -0.25, 10, 0.8)),
                List.of(new ForecastBacktest.Accuracy(1, 52, 0, 10, null, null, 0, null),
                        new ForecastBacktest.Accuracy(2, 51, 400, 310, 0.2, -0.225, 8, 0.75)), null);
        assertEquals(List.of("as of 2019-12-31: open AR 1,600.00; expected cash over 2 weeks 350.00",
                "  2020-01-31: opening AR 1,600.00 + sales 0.00 - collections 230.00 - credit memos 15.00 - write-offs"
                        + " 5.00 = ending AR 1,350.00, DSO n/a (no credit sales expected in 2020-01)",
                "  2020-02-29: opening AR 1,350.00 + sales 1,000.00 - collections 350.00 - credit memos 0.00"
                        + " - write-offs 0.00 = ending AR 2,000.00, DSO 58.0",
                "  backtest week 1 ahead: 52 origins, WAPE n/a (no cash collected in the weeks backtested), interval "
                        + "coverage n/a (too few earlier origins to calibrate an interval) (0), of the cash to the "
                        + "week's end n/a (too few earlier origins to calibrate an interval) (0)",
                "  backtest week 2 ahead: 51 origins, WAPE 25.0%, interval coverage 80.0% (10), of the cash to the"
                        + " week's end 75.0% (8)"),
                ForecastJob.details(o, 2));
        assertEquals("forecast: as of 2019-12-31, expected cash over 2 weeks 350.00 (80% interval 300.00 to 390.00),"
                + " week 1 250.00 (80% interval n/a (too few earlier origins to calibrate one)), DSO at 2020-01-31 n/a"
                + " (no credit sales expected in 2020-01)", ForecastJob.summary(o, EIGHTY));
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount);
    }

    /**
     * The sample's week-1 coverage, 35 of 44 origins (0.795454...), is rounded once, to the tenth of a percent
     * shown: stored as 0.795 and printed 79.5%, where rounding it to 0.7955 first made the report print 79.6%.
     */
    @Test
    void coverageIsRoundedOnceToWhatIsShown() {
        assertEquals(0.795, ForecastJob.asShown(35.0 / 44));
        assertEquals("79.5%", io.arscope.report.FinanceFormat.share(ForecastJob.asShown(35.0 / 44)));
        ForecastJob.Outcome o = new ForecastJob.Outcome(LocalDate.parse("2026-10-31"), 0, 0, List.of(), List.of(),
                List.of(), List.of(new ForecastBacktest.Accuracy(1, 52, 100, 102.56, 0.1946, 0.0256, 44, 35.0 / 44)),
                List.of(new ForecastBacktest.Accuracy(1, 52, 100, 102.56, 0.1946, 0.0256, 44, 35.0 / 44)), null);
        assertEquals("  backtest week 1 ahead: 52 origins, WAPE 19.5%, interval coverage 79.5% (44), of the cash to"
                + " the week's end 79.5% (44)",
                ForecastJob.details(o, 1).get(1));
    }

    /**
     * Stored amounts add up. A week of 1.004 from open invoices and 2.004 from new sales stores 1.00 and 2.00, so
     * its cash is 3.00, not the 3.01 of the unrounded sum. A week's backtest figures are the sums of its origins'
     * stored rows (forecast 100.00 and 200.00, not the 300.01 of 100.004 + 200.004), and its WAPE and bias are of
     * those: |110.00 - 100.00| + |190.00 - 200.00| = 20.00 over 300.00 collected, and no bias.
     */
    @Test
    void storedAmountsAddUpToTheWeeksFigures() {
        ForecastJob.Week week = new ForecastJob.Week(1, LocalDate.parse("2020-01-01"), LocalDate.parse("2020-01-07"),
                1.004, 2.004, null, null, 0, null, null);
        assertEquals(new BigDecimal("3.00"), week.expectedCash());
        LocalDate origin = LocalDate.parse("2019-12-31");
        ForecastBacktest.Accuracy a = ForecastBacktest.accuracy(List.of(
                new ForecastBacktest.Evaluated(origin, 1, 100.004, null, null, 110, 0),
                new ForecastBacktest.Evaluated(origin.plusDays(7), 1, 200.004, null, null, 190, 0)), 1).get(0);
        assertEquals(List.of(300.0, 300.0, 20.0 / 300, 0.0), List.of(a.forecast(), a.actual(), a.wape(), a.bias()));
    }
}
