package io.arscope.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.job.ExitCode;
import io.arscope.job.InputException;
import io.arscope.job.JobContext;
import io.arscope.ledger.AgingBuckets;
import io.arscope.testing.LedgerBuilder;
import io.arscope.testing.TestSpark;

/**
 * Metrics over a ledger in three currencies, reported in USD: flows at the rates of their own dates, balances at
 * the month-end's rate, every value below worked by hand from these rates (1 unit = rate USD):
 *
 * <pre>
 *   EUR 1.10 from 2025-01-01, 1.20 from 2025-02-10
 *   GBP 1.25 from 2025-01-01, 1.30 from 2025-02-28
 *
 *   I1 USD 1000.00 issued 2025-01-10 due 2025-02-09, paid  400.00 on 2025-02-05
 *   I2 EUR  500.00 issued 2025-01-15 due 2025-02-14, paid  200.00 EUR on 2025-02-20
 *   I3 GBP  800.00 issued 2025-02-01 due 2025-03-03
 *   I4 EUR  300.00 issued 2025-02-12 due 2025-03-14
 * </pre>
 *
 * In a copy of it, K1 also has 100.00 EUR of cash on account from 2025-01-20 and a 50.00 GBP credit memo on account
 * from 2025-02-15: balances, valued at each balance date's rate like the open invoices.
 */
// Several ingest or metrics runs on files: the integration tier keeps the fast tier under four minutes.
@Tag("integration")
class ReportingCurrencyMetricsTest {

    @TempDir
    static Path dir;
    private static SparkSession spark;

    @BeforeAll
    static void setUp() {
        spark = TestSpark.session();
        ledger("2025-01-01").write(spark, dir.resolve("in"));
        ledger("2025-02-05").write(spark, dir.resolve("late-gbp"));
        ledger("2025-01-01").payment(null, "K1", "2025-01-20", "100", "EUR")
                .adjustment(null, "K1", "2025-02-15", "50", "credit_memo", "GBP")
                .write(spark, dir.resolve("on-account"));
    }

    /** The ledger above, with GBP's first rate on {@code firstGbp}. */
    private static LedgerBuilder ledger(String firstGbp) {
        return new LedgerBuilder().customer("K1", "Enterprise")
                .invoice("I1", "K1", "2025-01-10", "2025-02-09", "1000", "USD")
                .payment("I1", "K1", "2025-02-05", "400")
                .invoice("I2", "K1", "2025-01-15", "2025-02-14", "500", "EUR")
                .payment("I2", "K1", "2025-02-20", "200")
                .invoice("I3", "K1", "2025-02-01", "2025-03-03", "800", "GBP")
                .invoice("I4", "K1", "2025-02-12", "2025-03-14", "300", "EUR")
                .rate("2025-01-01", "EUR", "1.10").rate("2025-02-10", "EUR", "1.20")
                .rate(firstGbp, "GBP", "1.25").rate("2025-02-28", "GBP", "1.30");
    }

    private static MetricsJob.Outcome metrics(String input, String output, String currency) throws Exception {
        return MetricsJob.write(JobContext.of(spark, new MetricsOptions(dir.resolve(input).toString(),
                dir.resolve(output).toString(), LedgerBuilder.d("2025-02-28"), AgingBuckets.DEFAULT, List.of(),
                DayCount.ACTUAL, 0, 12, 1.0, TrendConfig.DEFAULT, currency)));
    }

    @Test
    void endingArAndDsoAreInTheReportingCurrency() throws Exception {
        metrics("in", "out", "USD");
        List<Row> months = MetricsTables.PERIOD_METRICS.read(spark, dir.resolve("out").toString())
                .filter("dimension = 'total' and period_type = 'month'").orderBy("period").collectAsList();
        assertEquals(List.of("2025-01", "2025-02"), months.stream().map(MetricsTables.PERIOD::of).toList());
        Row jan = months.get(0);
        Row feb = months.get(1);
        // January sales: I1 1000.00 + I2 500 EUR x 1.10 (its date's rate) = 1550.00. Ending AR at 31 January, at that
        // day's rates: I1 1000.00 + I2 500 x 1.10 = 1550.00.
        assertEquals(new BigDecimal("1550.00"), MetricsTables.CREDIT_SALES.of(jan));
        assertEquals(new BigDecimal("1550.00"), MetricsTables.ENDING_AR.of(jan));
        // February sales: I3 800 GBP x 1.25 (rate of 1 February) + I4 300 EUR x 1.20 (of 12 February) = 1000.00 +
        // 360.00 = 1360.00. Cash: I1 400.00 + I2 200 EUR x 1.20 (of 20 February) = 640.00.
        assertEquals(new BigDecimal("1360.00"), MetricsTables.CREDIT_SALES.of(feb));
        assertEquals(new BigDecimal("640.00"), MetricsTables.COLLECTIONS.of(feb));
        // Ending AR at 28 February, each item at that day's rate (EUR 1.20, GBP 1.30): I1 1000 - 400 = 600.00;
        // I2 500 x 1.20 - 200 x 1.20 = 360.00; I3 800 x 1.30 = 1040.00; I4 300 x 1.20 = 360.00; total 2360.00.
        // (Added as they stand, the old way: 600 + 300 + 800 + 300 = 2000.00.)
        assertEquals(new BigDecimal("2360.00"), MetricsTables.ENDING_AR.of(feb));
        // Its FX movement is no collection: beginning 1550.00 + sales 1360.00 - cash 640.00 = 2270.00, and the
        // other 90.00 is revaluation: I2's open 300 EUR by 0.10 (30.00) and I3's 800 GBP by 0.05 (40.00), 70.00,
        // plus I2's 200 EUR paid at 1.20 though billed at 1.10 (20.00).
        // Countback DSO: 2360.00 against February's sales 1360.00 (28 days), the 1000.00 left against January's
        // 1550.00 over 31 days: 28 + 1000 / 1550 x 31 = 28 + 20 = 48 days.
        assertEquals(48.0, MetricsTables.DSO_COUNTBACK.of(feb), 1e-9);
        // Standard DSO: 2360.00 / 1360.00 x 28 days.
        assertEquals(2360.0 / 1360.0 * 28, MetricsTables.DSO_STANDARD.of(feb), 1e-9);
        assertEquals("USD", MetricsTables.CURRENCY.of(feb));

        // Open items at the as-of date, 28 February, valued at its rates: they add up to the same 2360.00.
        List<Row> open = MetricsTables.openItems(List.of()).read(spark, dir.resolve("out").toString())
                .orderBy("invoice_id").collectAsList();
        assertEquals("I1=600.00 I2=360.00 I3=1040.00 I4=360.00", open.stream().map(r -> MetricsTables.INVOICE_ID.of(r)
                + "=" + MetricsTables.OPEN_AMOUNT.of(r)).collect(Collectors.joining(" ")));

        // January's current bucket rolls at January's rates: of its 1550.00, I1's 600.00 and I2's 300 EUR x 1.10 =
        // 330.00 are in 1-30 at the end of February, 930.00, a rate of 0.6. At February's 1.20 I2 counted 360.00:
        // the euro's rise rolled as if more had aged, and a bucket that only revalued rolled above 1.
        Row roll = MetricsTables.ROLL_RATES.read(spark, dir.resolve("out").toString())
                .filter("month_end = date'2025-01-31' and bucket_index = 0").first();
        assertEquals(List.of(new BigDecimal("1550.00"), new BigDecimal("930.00")),
                List.of(MetricsTables.FROM_AMOUNT.of(roll), MetricsTables.ROLLED_AMOUNT.of(roll)));
        assertEquals(0.6, MetricsTables.ROLL_RATE.of(roll), 1e-12);
    }

    @Test
    void onAccountItemsAreValuedAtEachBalanceDatesRate() throws Exception {
        metrics("on-account", "on-account-out", "USD");
        List<Row> months = MetricsTables.PERIOD_METRICS.read(spark, dir.resolve("on-account-out").toString())
                .filter("dimension = 'total' and period_type = 'month'").orderBy("period").collectAsList();
        Row jan = months.get(0);
        Row feb = months.get(1);
        // Gross ending AR is the open invoices, as above. On account at 31 January: 100 EUR x 1.10 = 110.00, so net
        // 1550.00 - 110.00 = 1440.00.
        assertEquals(new BigDecimal("1550.00"), MetricsTables.ENDING_AR.of(jan));
        assertEquals(new BigDecimal("110.00"), MetricsTables.ON_ACCOUNT.of(jan));
        assertEquals(new BigDecimal("1440.00"), MetricsTables.NET_ENDING_AR.of(jan));
        // At 28 February, at that day's rates: 100 EUR x 1.20 = 120.00 and 50 GBP x 1.30 = 65.00, 185.00 on account;
        // net 2360.00 - 185.00 = 2175.00. (At their own dates' rates, 110.00 + 50 x 1.25 = 172.50, net 2187.50: a
        // balance mixing two days' rates.) Collections leave the cash on account out: still 640.00.
        assertEquals(new BigDecimal("2360.00"), MetricsTables.ENDING_AR.of(feb));
        assertEquals(new BigDecimal("185.00"), MetricsTables.ON_ACCOUNT.of(feb));
        assertEquals(new BigDecimal("2175.00"), MetricsTables.NET_ENDING_AR.of(feb));
        assertEquals(new BigDecimal("640.00"), MetricsTables.COLLECTIONS.of(feb));
        // DSO stays on gross AR: 48 days, as above.
        assertEquals(48.0, MetricsTables.DSO_COUNTBACK.of(feb), 1e-9);

        // The as-of date is 28 February too: the aging's on-account line and the customer's net balance agree.
        Row total = MetricsTables.agingBySlice(AgingBuckets.DEFAULT).read(spark, dir.resolve("on-account-out")
                .toString()).filter("dimension = 'total'").first();
        assertEquals(new BigDecimal("2360.00"), MetricsTables.OPEN_AMOUNT.of(total));
        assertEquals(new BigDecimal("185.00"), MetricsTables.ON_ACCOUNT.of(total));
        assertEquals(new BigDecimal("2175.00"), MetricsTables.NET_AMOUNT.of(total));
        Row k1 = MetricsTables.agingByCustomer(List.of(), AgingBuckets.DEFAULT).read(spark,
                dir.resolve("on-account-out").toString()).first();
        assertEquals(new BigDecimal("185.00"), MetricsTables.ON_ACCOUNT.of(k1));
        assertEquals(new BigDecimal("2175.00"), MetricsTables.NET_AMOUNT.of(k1));
    }

    @Test
    void aLedgerInSeveralCurrenciesWithNoneNamedIsRefused() {
        InputException e = assertThrows(InputException.class, () -> metrics("in", "none", null));
        assertEquals(ExitCode.INPUT, ExitCode.of(e));
        assertEquals(dir.resolve("in") + ": the invoices are in 3 currencies [EUR, GBP, USD]; name the one to "
                + "report in with --reporting-currency (config key reporting-currency) and give rates into it in "
                + "the exchange_rates table", e.getMessage());
    }

    @Test
    void aMissingRateIsRefusedNamingTheCurrencyAndTheDate() {
        InputException e = assertThrows(InputException.class, () -> metrics("late-gbp", "late-out", "USD"));
        assertEquals(ExitCode.INPUT, ExitCode.of(e));
        assertEquals(dir.resolve("late-gbp") + ": no GBP exchange rate on or before 2025-02-01, the date of invoice I3 "
                + "(1 rows in GBP are dated before its first rate, of 2025-02-05) (MISSING_RATE): amounts are not "
                + "added unconverted; add the rates into USD to the exchange_rates table", e.getMessage());
    }

    @Test
    void reportingInACurrencyWithoutRatesForTheOthersIsRefused() {
        InputException e = assertThrows(InputException.class, () -> metrics("in", "in-eur", "EUR"));
        assertEquals(dir.resolve("in") + ": the exchange rates give EUR a rate of 1.1 on 2025-01-01, but EUR is the "
                + "reporting currency: its rate is 1; are the rates into another currency?", e.getMessage());
    }
}
