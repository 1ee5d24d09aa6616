package io.arscope.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.job.JobContext;
import io.arscope.ledger.AgingBuckets;
import io.arscope.testing.OnAccountLedger;
import io.arscope.testing.TestSpark;

/**
 * The metrics job on {@link OnAccountLedger}: ending AR gross (the open invoices) and net of the on-account items,
 * DSO on the gross, and the aging with the items on a line of their own. 30-day months.
 */
@Tag("integration")
class OnAccountMetricsTest {

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static MetricsJob.Outcome outcome;

    @BeforeAll
    static void run() throws Exception {
        spark = TestSpark.session();
        OnAccountLedger.write(spark, dir.resolve("in"));
        outcome = MetricsJob.write(JobContext.of(spark, new MetricsOptions(dir.resolve("in").toString(),
                dir.resolve("out").toString(), OnAccountLedger.AS_OF, AgingBuckets.DEFAULT, List.of("segment"),
                DayCount.THIRTY, 0, 12, 1.0, TrendConfig.DEFAULT)));
    }

    private static List<String> rows(String table, String filter, String order, String... columns) {
        return spark.read().parquet(dir.resolve("out").resolve(table).toString()).filter(filter).orderBy(order)
                .selectExpr(columns).collectAsList().stream().map(r -> r.mkString(" ")).toList();
    }

    @Test
    void endingArGrossAndNetOfOnAccountItemsEveryMonth() {
        // Jan: I1 only. Feb: I1 + I3 gross, C1's cash on account. Mar: I1 + I2 + I3's 200, and C2's credit memo.
        assertEquals(List.of("2025-01 1000.00 0.00 1000.00", "2025-02 1300.00 600.00 700.00",
                        "2025-03 1600.00 850.00 750.00", "2025-Q1 1600.00 850.00 750.00"),
                rows(MetricsTables.PERIOD_METRICS.name(), "dimension = 'total' and period_type in ('month', 'quarter')",
                        "period", "period", "ending_ar", "on_account", "net_ending_ar"));
        // C2 holds more credit than it owes: its segment's net is negative. The slices add up to the total.
        assertEquals(List.of("Enterprise 1400.00 600.00 800.00", "Small business 200.00 250.00 -50.00"),
                rows(MetricsTables.PERIOD_METRICS.name(), "dimension = 'segment' and period = '2025-03'", "value",
                        "value", "ending_ar", "on_account", "net_ending_ar"));
    }

    @Test
    void dsoIsTakenOnGrossArAndCashOnAccountIsNoCollection() {
        // Feb: 1,300 / 300 x 30 = 130.0 (net 70.0); its only cash came on account. March: 1,600 / 400 x 30 = 120.0
        // (net it would be 56.25).
        assertEquals(List.of("2025-02 0.00 130.0", "2025-03 100.00 120.0"),
                rows(MetricsTables.PERIOD_METRICS.name(), "dimension = 'total' and period in ('2025-02', '2025-03')",
                        "period", "period", "collections", "dso_standard"));
        PeriodMetrics.Period march = outcome.totalPeriods().stream().filter(p -> p.period().equals("2025-03"))
                .findFirst().orElseThrow();
        // Countback: 1,600 - 400 (Mar) - 300 (Feb) = 900 of January's 1,000: 60 + 27 = 87.0 days; BPDSO on I2's
        // 400 current, all of March: 30.0. CEI: (1,300 + 400 - 1,600) / (1,300 + 400 - 400) = 7.7%.
        assertEquals("2025-03: ending AR 1,600.00 gross, 750.00 net of 850.00 on account, countback DSO 87.0 = "
                + "BPDSO 30.0 + DDSO 57.0, standard DSO 120.0, CEI 7.7%", LatestMonthLine.of(march));
    }

    @Test
    void agingShowsOnAccountItemsOnALineOfTheirOwn() {
        // I2 current 400, I3 28 days past due 200, I1 50 days past due 1,000: the buckets add up to the gross.
        assertEquals(List.of("segment Enterprise 1400.00 600.00 800.00 400.00 0.00 1000.00 0.00 0.00",
                        "segment Small business 200.00 250.00 -50.00 0.00 200.00 0.00 0.00 0.00",
                        "total all 1600.00 850.00 750.00 400.00 200.00 1000.00 0.00 0.00"),
                rows("aging_by_slice", "true", "value", "dimension", "value", "open_amount",
                        "on_account", "net_amount", "aging_current", "aging_1_30", "aging_31_60", "aging_61_90",
                        "aging_91_plus"));
        assertEquals(List.of("C1 Enterprise 1400.00 600.00 800.00 2", "C2 Small business 200.00 250.00 -50.00 1"),
                rows("aging_by_customer", "true", "customer_id", "customer_id", "segment", "open_amount",
                        "on_account", "net_amount", "open_invoices"));
    }
}
