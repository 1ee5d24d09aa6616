package io.arscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.job.Column;
import io.arscope.job.ExitCode;
import io.arscope.job.Job;
import io.arscope.job.JobContext;
import io.arscope.job.JobOptions;
import io.arscope.job.JobOutcome;
import io.arscope.job.OutputTable;
import io.arscope.ledger.AgingBuckets;
import io.arscope.metrics.MetricsTables;
import io.arscope.testing.LedgerBuilder;
import io.arscope.testing.TestSpark;

/**
 * Sums of very large amounts, and what happens when an output fails its checks. Two invoices of 9e15 each used to
 * overflow DECIMAL(18,2) when summed: metrics exited 0 with ending AR empty in period_metrics and the report showed
 * "Ending AR 0". Totals are now DECIMAL(28,2) and exact; an output that breaks a check ends its command with exit 6
 * and leaves the published output as it was.
 */
class LargeAmountsTest {

    record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Arscope.execute(new PrintWriter(o, true), new PrintWriter(e, true), args);
        return new Run(code, o.toString(), e.toString());
    }

    /**
     * Segment A: two invoices of 9,000,000,000,000,000.00 issued in October 2026, not yet due at its end. Segment
     * B: three of 999,999,999,999.99 (the ingest bound), due 2026-10-20, 11 days past due. Ending AR
     * 18,000,000,000,000,000 + 2,999,999,999,999.97 = 18,002,999,999,999,999.97, exact, aged current and 1-30.
     */
    @Test
    void hugeAmountsAreSummedExactlyAndReported(@TempDir Path dir) throws Exception {
        SparkSession spark = TestSpark.session();
        String top = "999999999999.99";
        new LedgerBuilder().customer("K1", "A").customer("K2", "B")
                .invoice("I1", "K1", "2026-10-05", "2026-11-04", "9000000000000000")
                .invoice("I2", "K1", "2026-10-06", "2026-11-05", "9000000000000000")
                .invoice("B1", "K2", "2026-10-10", "2026-10-20", top)
                .invoice("B2", "K2", "2026-10-10", "2026-10-20", top)
                .invoice("B3", "K2", "2026-10-10", "2026-10-20", top).write(spark, dir.resolve("in"));
        Run metrics = run("metrics", "--input", dir.resolve("in").toString(), "--output",
                dir.resolve("metrics").toString(), "--as-of", "2026-10-31", "--master", "local[2]");
        assertEquals(ExitCode.OK, metrics.code(), metrics.err());
        assertTrue(metrics.out().contains("2026-10: ending AR 18,002,999,999,999,999.97, countback DSO 31.0 = BPDSO "
                + "31.0 + DDSO 0.0, standard DSO 31.0, CEI 0.0%"), metrics.out());
        List<Row> october = MetricsTables.periodMetrics(AgingBuckets.DEFAULT).read(spark, dir.resolve("metrics")
                .toString())
                .filter(MetricsTables.PERIOD_TYPE.col().equalTo("month")).orderBy(MetricsTables.DIMENSION.col(),
                        MetricsTables.VALUE.col()).collectAsList();
        Row total = october.stream().filter(r -> MetricsTables.DIMENSION.of(r).equals("total")).findFirst().get();
        assertEquals(new BigDecimal("18002999999999999.97"), MetricsTables.ENDING_AR.of(total));
        assertEquals(new BigDecimal("18002999999999999.97"), MetricsTables.CREDIT_SALES.of(total));
        assertEquals(new BigDecimal("18000000000000000.00"), total.getAs("aging_current"));
        assertEquals(new BigDecimal("2999999999999.97"), total.getAs("aging_1_30"));
        Row segmentB = october.stream().filter(r -> MetricsTables.VALUE.of(r).equals("B")).findFirst().get();
        assertEquals(new BigDecimal("2999999999999.97"), MetricsTables.ENDING_AR.of(segmentB));

        Run report = run("report", "--metrics", dir.resolve("metrics").toString(), "--output",
                dir.resolve("report").toString(), "--master", "local[2]");
        assertEquals(ExitCode.OK, report.code(), report.err());
        String html = Files.readString(dir.resolve("report").resolve("cfo-report.html"));
        assertTrue(html.contains("<div class=\"kpi-name\">Ending AR</div><div class=\"kpi-value\">"
                + "18,003,000,000,000,000</div>"), html);
    }

    private static final Column<String> SLICE = Column.text("slice").required();
    private static final Column<Double> RATE = Column.share("on_time_rate");
    private static final OutputTable RATES = OutputTable.of("rates", SLICE, RATE).keyedBy(SLICE);

    /** A job writing one table of rates: the first run's are good, the second's break the share check. */
    private static Job<JobOptions> rates(double rate) {
        return new Job<>() {
            @Override
            public String name() {
                return "rates";
            }

            @Override
            public JobOutcome run(JobContext<JobOptions> context) throws Exception {
                context.writeTable(RATES, RATES.frame(context.spark(), List.of(RowFactory.create("all", rate))));
                return JobOutcome.ok(context, "rates written", List.of());
            }
        };
    }

    @Test
    void aFailedOutputCheckExitsSixAndPublishesNothing(@TempDir Path dir) throws Exception {
        TestSpark.session();
        JobOptions options = new JobOptions() {
            @Override
            public LocalDate asOf() {
                return null;
            }

            @Override
            public String output() {
                return dir.resolve("rates").toString();
            }
        };
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        JobRunner runner = new JobRunner(new PrintWriter(out, true), new PrintWriter(err, true),
                io.arscope.run.Progress.Mode.OFF);
        assertEquals(ExitCode.OK, runner.run(rates(0.75), () -> options, null), err.toString());
        String published = Files.readString(dir.resolve("rates").resolve("rates.csv"));
        assertEquals("slice,on_time_rate\nall,0.75\n", published);

        assertEquals(ExitCode.OUTPUT_CHECK_FAILED, runner.run(rates(1.5), () -> options, null));
        assertEquals("arscope rates: output check failed: rates: on_time_rate lies within 0..1, slice=all: 1.5\n",
                err.toString());
        assertEquals(published, Files.readString(dir.resolve("rates").resolve("rates.csv")));
        try (Stream<Path> versions = Files.list(dir.resolve(".rates.versions"))) {
            assertEquals(1, versions.count(), "the failed run's version is discarded");
        }
    }
}
