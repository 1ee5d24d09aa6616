// Walk-through: the CFO's metrics, read straight from the outputs of `arscope metrics`.
//
// Run it (after the README's quick start):   jobs/arscope-jshell notebooks-docs/walkthroughs/cfo-metrics.jsh
// Other outputs:                             jobs/arscope-jshell -R-Darscope.metrics=/path/to/metrics ...
// Every step prints what it finds; a CI test runs this file on generated data, so it cannot rot.

import org.apache.spark.sql.*;
import static org.apache.spark.sql.functions.*;

String metricsDir = System.getProperty("arscope.metrics", "out/sample-metrics");
SparkSession spark = SparkSession.builder().master("local[2]").appName("cfo-walkthrough")
        .config("spark.ui.enabled", "false").getOrCreate();
spark.sparkContext().setLogLevel("ERROR");

// 1. The last six months of the DSO family and CEI for the whole portfolio. period_metrics holds every metric per
//    month, quarter and year, for the total ('total'/'all') and for each slice (segment, region, ...).
Dataset<Row> months = spark.read().parquet(metricsDir + "/period_metrics")
        .filter("dimension = 'total' and period_type = 'month'")
        .select("period", "ending_ar", "dso_countback", "bpdso_countback", "ddso_countback", "cei");
months.orderBy(col("period").desc()).limit(6).orderBy("period").show(false);

// 2. DDSO is DSO minus BPDSO by the same (countback) method; a quick check that the outputs agree with it.
long mismatches = months.filter("abs(ddso_countback - (dso_countback - bpdso_countback)) > 1e-6").count();
if (mismatches != 0) throw new IllegalStateException(mismatches + " months where DDSO != DSO - BPDSO");
System.out.println("DDSO = DSO - BPDSO in every month: checked");

// 3. Which headline metrics left their recent range last month? trends gives the change vs last month and last
//    year, the 12-month slope with its confidence interval, and a range flag.
spark.read().parquet(metricsDir + "/trends")
        .filter("dimension = 'total' and range_flag <> 'in_range'")
        .select("metric", "latest_month", "latest", "change_vs_previous", "change_vs_year_ago", "range_flag")
        .orderBy("metric").show(false);

// 4. Past-due share by segment today, from the aging by slice (amounts are DECIMAL: no rounding drift).
Dataset<Row> bySegment = spark.read().parquet(metricsDir + "/aging_by_slice")
        .filter("dimension = 'segment'")
        .withColumn("past_due", col("open_amount").minus(col("aging_current")))
        .withColumn("past_due_share", round(col("past_due").divide(col("open_amount")).multiply(100), 1))
        .select("value", "open_amount", "past_due", "past_due_share").orderBy(col("past_due_share").desc());
bySegment.show(false);

// 5. The credit-loss allowance: balance x loss rate per bucket; the matrix's 'total' line must equal their sum.
Dataset<Row> matrix = spark.read().parquet(metricsDir + "/provision_matrix");
Row buckets = matrix.filter("bucket <> 'total'").agg(sum("ecl")).first();
Row ecl = matrix.filter("bucket = 'total'").select("balance", "ecl").first();
if (buckets.getDecimal(0).compareTo(ecl.getDecimal(1)) != 0) throw new IllegalStateException("ECL lines do not add up");
System.out.printf("ECL %,.2f on open AR %,.2f (%.2f%%)%n", ecl.getDecimal(1), ecl.getDecimal(0),
        ecl.getDecimal(1).doubleValue() / ecl.getDecimal(0).doubleValue() * 100);

spark.stop();
/exit
