package io.arscope.bench;


import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.SparkSession;

import io.arscope.job.JobContext;
import io.arscope.ledger.AgingBuckets;
import io.arscope.ledger.ReceivablesLedger;
import io.arscope.metrics.CoreBalances;
import io.arscope.metrics.DayCount;
import io.arscope.metrics.MetricsJob;
import io.arscope.metrics.MetricsOptions;
import io.arscope.metrics.TrendConfig;
import io.arscope.run.SparkSessions;
import io.arscope.samples.GeneratorConfig;
import io.arscope.testing.GeneratedLedger;

/**
 * Benchmark harness (not a test): the metrics job on generated histories, and in the same run the core numbers
 * (monthly credit sales, ending AR at every month-end, aging by bucket at the last month-end) computed both in
 * Spark, by {@link CoreBalances} on the ledger as every job reads it (the cheapest route to those numbers; the
 * metrics job reaches them through its month-end walk, timed on its own), and by DuckDB on the same Parquet,
 * checked to agree to the cent. Prints the times and the Spark / DuckDB ratio. Run with
 * jobs/bench/metrics-benchmark.
 *
 * <p>Arguments: a work folder, then invoice counts (default 1000000 5000000).
 */
public final class MetricsBenchmark {

    private MetricsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "/tmp/arscope-bench");
        List<Long> sizes = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            sizes.add(Long.parseLong(args[i]));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(1_000_000L, 5_000_000L);
        }
        SparkSession spark = SparkSessions.create("arscope-metrics-benchmark", null);
        List<String> report = new ArrayList<>();
        report.add(String.format("%12s %14s %14s %8s %16s %s", "invoices", "spark core s", "duckdb core s", "ratio",
                "metrics job s", "agree"));
        for (long size : sizes) {
            Path dir = work.resolve("h" + size);
            GeneratorConfig config = BenchHistory.config(size);
            GeneratedLedger.write(spark, config, dir);
            LocalDate asOf = config.exportDate();

            // Two untimed rounds each, so that neither engine is timed while loading classes or compiling its
            // code (Spark's second round still ran half as long again as its later ones); then the median of three.
            for (int round = 0; round < 2; round++) {
                sparkCore(spark, dir, asOf);
                duckCore(dir, asOf);
            }
            double[] sparkTimes = new double[3];
            double[] duckTimes = new double[3];
            Map<String, BigDecimal> fromSpark = null;
            Map<String, BigDecimal> fromDuck = null;
            for (int round = 0; round < 3; round++) {
                long t0 = System.nanoTime();
                fromSpark = sparkCore(spark, dir, asOf);
                sparkTimes[round] = (System.nanoTime() - t0) / 1e9;
                t0 = System.nanoTime();
                fromDuck = duckCore(dir, asOf);
                duckTimes[round] = (System.nanoTime() - t0) / 1e9;
            }
            double sparkSeconds = median(sparkTimes);
            double duckSeconds = median(duckTimes);
            boolean agree = fromSpark.equals(fromDuck);
            if (!agree) {
                for (String k : fromDuck.keySet()) {
                    if (!fromDuck.get(k).equals(fromSpark.get(k))) {
                        System.out.println("DIFFERENT " + k + ": duckdb " + fromDuck.get(k) + ", spark "
                                + fromSpark.get(k));
                    }
                }
            }
            long t0 = System.nanoTime();
            MetricsJob.write(JobContext.of(spark, new MetricsOptions(dir.toString(), dir.resolve("metrics").toString(), asOf,
                    AgingBuckets.DEFAULT, MetricsOptions.DEFAULT_DIMENSIONS, DayCount.ACTUAL, 0, 12, 1.0,
                    TrendConfig.DEFAULT)));
            double jobSeconds = (System.nanoTime() - t0) / 1e9;
            report.add(String.format("%,12d %14.1f %14.1f %8.2f %16.1f %s (%d numbers)", size, sparkSeconds,
                    duckSeconds, sparkSeconds / duckSeconds, jobSeconds, agree ? "yes" : "NO", fromDuck.size()));
            System.out.println(report.get(report.size() - 1));
        }
        System.out.println();
        report.forEach(System.out::println);
        spark.stop();
    }

    private static double median(double[] seconds) {
        double[] sorted = seconds.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static LocalDate lastMonthEnd(LocalDate asOf) {
        return asOf.withDayOfMonth(asOf.lengthOfMonth()).equals(asOf) ? asOf : asOf.withDayOfMonth(1).minusDays(1);
    }

    /** The core numbers by {@link CoreBalances}, on the ledger read as every job reads it. */
    static Map<String, BigDecimal> sparkCore(SparkSession spark, Path dir, LocalDate asOf) {
        ReceivablesLedger ledger = ReceivablesLedger.read(spark, dir.resolve("canonical").toString()).asOf(asOf);
        LocalDate last = lastMonthEnd(asOf);
        Map<String, BigDecimal> out = new TreeMap<>();
        CoreBalances.Monthly monthly = CoreBalances.monthly(ledger, last);
        monthly.creditSales().forEach((m, v) -> out.put("sales " + m, v));
        monthly.endingAr().forEach((m, v) -> out.put("ending_ar " + m, v));
        CoreBalances.aging(ledger, last, AgingBuckets.DEFAULT).forEach((b, v) -> out.put("aging " + b, v));
        return out;
    }

    /** The same numbers in DuckDB SQL on the same Parquet files. */
    static Map<String, BigDecimal> duckCore(Path dir, LocalDate asOf) throws Exception {
        String c = dir.resolve("canonical").toString();
        String last = lastMonthEnd(asOf).toString();
        Map<String, BigDecimal> out = new TreeMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            st.execute("create view inv as select * from read_parquet('" + c + "/invoices/*/*.parquet', "
                    + "hive_partitioning = true) where invoice_date <= date '" + asOf + "'");
            st.execute("create view red as select invoice_id, payment_date as d, amount from read_parquet('" + c
                    + "/payments/*/*.parquet', hive_partitioning = true) where payment_date <= date '" + asOf + "' "
                    + "union all select invoice_id, adjustment_date, amount from read_parquet('" + c
                    + "/adjustments/*/*.parquet', hive_partitioning = true) where adjustment_date <= date '" + asOf
                    + "'");
            try (ResultSet rs = st.executeQuery("select last_day(invoice_date) m, sum(amount) from inv "
                    + "where invoice_date <= date '" + last + "' group by 1")) {
                while (rs.next()) {
                    out.put("sales " + rs.getDate(1).toLocalDate(), rs.getBigDecimal(2).setScale(2));
                }
            }
            // Ending AR at each month-end: running sum of the month's net movements.
            try (ResultSet rs = st.executeQuery("with moves as (select last_day(invoice_date) m, amount v from inv "
                    + "union all select last_day(d), -amount from red), net as (select m, sum(v) v from moves "
                    + "group by m) select m, sum(v) over (order by m) from net where m <= date '" + last + "'")) {
                while (rs.next()) {
                    out.put("ending_ar " + rs.getDate(1).toLocalDate(), rs.getBigDecimal(2).setScale(2));
                }
            }
            try (ResultSet rs = st.executeQuery("with paid as (select invoice_id, sum(amount) p from red "
                    + "where d <= date '" + last + "' group by 1), open as (select i.amount - coalesce(p.p, 0) o, "
                    + "date '" + last + "' - i.due_date dpd from inv i left join paid p using (invoice_id) "
                    + "where i.invoice_date <= date '" + last + "') select case when dpd <= 0 then 'current' "
                    + "when dpd <= 30 then '1-30' when dpd <= 60 then '31-60' when dpd <= 90 then '61-90' "
                    + "else '91+' end b, sum(o) from open where o > 0 group by 1")) {
                while (rs.next()) {
                    out.put("aging " + rs.getString(1), rs.getBigDecimal(2).setScale(2));
                }
            }
        }
        // A month-end with nothing open has no row in the Spark path; DuckDB's running sum says zero.
        out.entrySet().removeIf(e -> e.getKey().startsWith("ending_ar") && e.getValue().signum() == 0);
        return out;
    }
}
