package io.arscope.forecast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.job.JobContext;
import io.arscope.testing.LedgerBuilder;
import io.arscope.testing.TestSpark;

/**
 * The forecast from canonical tables, worked by hand. As of 31 Mar 2026: I1 (100) and I2 (300) were paid in full 5
 * days after due; I4 (100, due 3 Mar) got 60 five days after due and is 40 open at 28 days; I3 (200) falls due on the
 * as-of day. On the due-date curve, day +5 had 500 at risk (I1, I2, I4; I3 is last seen at day 0) and 460 paid:
 * hazard 0.92. So I3's 200 is expected to bring 184.00 on its fifth day; nothing at days 29-35 was ever paid, so
 * I4's 40 brings nothing in week 1; invoices issued after the as-of day have never paid within 7 days.
 */
class ForecastJobTest {

    @TempDir
    Path dir;

    @Test
    void weekOneFromTheCurveWithPartialPaymentsAndCensoring() throws Exception {
        SparkSession spark = TestSpark.session();
        new LedgerBuilder().customer("C1", "Enterprise")
                .invoice("I1", "C1", "2026-01-01", "2026-01-31", "100")
                .invoice("I2", "C1", "2026-01-10", "2026-02-09", "300")
                .invoice("I3", "C1", "2026-03-27", "2026-03-31", "200")
                .invoice("I4", "C1", "2026-02-01", "2026-03-03", "100")
                .payment("I1", "C1", "2026-02-05", "100")
                .payment("I2", "C1", "2026-02-14", "300")
                .payment("I4", "C1", "2026-03-08", "60")
                // Known only after the as-of date: must not change the forecast.
                .payment("I3", "C1", "2026-04-02", "200")
                .invoice("I5", "C1", "2026-04-01", "2026-05-01", "999")
                .write(spark, dir);
        ForecastOptions base = ForecastOptions.defaults(dir.toString(), dir.resolve("out").toString(),
                LocalDate.of(2026, 3, 31), null);
        ForecastOptions options = new ForecastOptions(base.input(), base.output(), base.asOf(), null, 200, 1, 0, 0,
                0.8, 8, 13, 365, -180, 730, 120);
        ForecastJob.Outcome outcome = ForecastJob.write(JobContext.of(spark, options));

        assertEquals(240, outcome.openAr(), 1e-9);
        ForecastJob.Week week = outcome.weeks().get(0);
        assertEquals(184.0, week.fromOpen(), 1e-9);
        assertEquals(0.0, week.fromNewSales(), 1e-9);
        assertEquals(LocalDate.of(2026, 4, 1), week.start());
        assertEquals(LocalDate.of(2026, 4, 7), week.end());
        assertEquals(null, week.lower());

        List<Row> stored = spark.read().parquet(dir.resolve("out").resolve(ForecastTables.CASH_FORECAST.name()).toString())
                .collectAsList();
        assertEquals(1, stored.size());
        assertEquals(new BigDecimal("184.00"), stored.get(0).getAs("expected_cash"));
        // One week: the cash to its end is its own, and with no past origin it has no interval either.
        assertEquals(new BigDecimal("184.00"), stored.get(0).getAs("expected_to_date"));
        assertTrue(stored.get(0).isNullAt(stored.get(0).fieldIndex("lower_to_date")));
        assertEquals("DecimalType(28,2)", spark.read().parquet(dir.resolve("out").resolve(ForecastTables.CASH_FORECAST.name())
                .toString()).schema().apply("expected_cash").dataType().toString());
        // Three month-ends ahead, DSO from the rolled-forward AR.
        List<Row> dso = spark.read().parquet(dir.resolve("out").resolve(ForecastTables.DSO_FORECAST.name()).toString())
                .orderBy("month_end").collectAsList();
        assertEquals(3, dso.size());
        assertEquals(LocalDate.of(2026, 4, 30), dso.get(0).getAs("month_end"));
        assertTrue(dir.resolve("out").resolve(ForecastTables.MANIFEST).toFile().isFile());
    }

    /**
     * One weekly backtest origin, 24 Mar, seen from the as-of date 31 Mar: the tables use only what was known on
     * 24 Mar, the actual is the cash of 25-31 Mar.
     */
    @Test
    void backtestComparesEachPastOriginWithWhatCameIn() throws Exception {
        SparkSession spark = TestSpark.session();
        new LedgerBuilder().customer("C1", "Enterprise")
                .invoice("I1", "C1", "2026-01-01", "2026-01-31", "100")
                .invoice("I4", "C1", "2026-02-01", "2026-03-03", "100")
                .invoice("I6", "C1", "2026-03-20", "2026-03-25", "50")
                .payment("I1", "C1", "2026-02-05", "100")
                .payment("I4", "C1", "2026-03-08", "60")
                .payment("I6", "C1", "2026-03-30", "50")
                .write(spark, dir);
        ForecastOptions options = new ForecastOptions(dir.toString(), dir.resolve("out").toString(),
                LocalDate.of(2026, 3, 31), null, 200, 1, 1, 0, 0.8, 2, 13, 365, -180, 730, 120);
        ForecastJob.Outcome outcome = ForecastJob.write(JobContext.of(spark, options));
        assertEquals(1, outcome.backtest().size());
        ForecastBacktest.Evaluated e = outcome.backtest().get(0);
        assertEquals(LocalDate.of(2026, 3, 24), e.origin());
        // I6 (due 25 Mar, open at -1 days) paid 50 on 30 Mar: +5 days, where I1 and I4 set hazard 160/200 = 0.8.
        assertEquals(50.0, e.actual(), 1e-9);
        assertEquals(40.0, e.forecast(), 1e-9);
        assertEquals(0.2, outcome.accuracy().get(0).wape(), 1e-9);
    }
}
