// Walk-through: the 13-week cash forecast and how far to trust it, from the outputs of `arscope forecast`.
//
// Run it:   jobs/arscope-jshell notebooks-docs/walkthroughs/cash-forecast.jsh
// Other outputs:   jobs/arscope-jshell -R-Darscope.forecast=/path/to/forecast ...

import org.apache.spark.sql.*;
import static org.apache.spark.sql.functions.*;

String forecastDir = System.getProperty("arscope.forecast", "out/sample-forecast");
SparkSession spark = SparkSession.builder().master("local[2]").appName("forecast-walkthrough")
        .config("spark.ui.enabled", "false").getOrCreate();
spark.sparkContext().setLogLevel("ERROR");

// 1. Cash expected by week, split into invoices already open and sales not yet made, with the interval.
Dataset<Row> weeks = spark.read().parquet(forecastDir + "/cash_forecast");
weeks.select("week", "week_end", "from_open_invoices", "from_new_sales", "expected_cash", "lower", "upper")
        .orderBy("week").show(false);
Row total = weeks.agg(sum("from_open_invoices"), sum("from_new_sales"), sum("expected_cash")).first();
System.out.printf("13 weeks: %,.2f expected, %.1f%% of it from invoices already open%n", total.getDecimal(2),
        total.getDecimal(0).doubleValue() / total.getDecimal(2).doubleValue() * 100);

// 2. Month-end DSO ahead, from receivables rolled forward with expected sales, cash and credits: each row closes,
//    opening_ar + expected_sales - expected_collections - expected_credit_memos - expected_write_offs = ending_ar.
spark.read().parquet(forecastDir + "/dso_forecast").select("month_end", "opening_ar", "expected_sales",
        "expected_collections", "expected_credit_memos", "expected_write_offs", "ending_ar", "credit_sales", "dso")
        .orderBy("month_end").show(false);

// 3. Trust: the forecast was made again at weekly origins of the past year. WAPE by week ahead is
//    sum |actual - forecast| / sum actual; recompute week 1 from the detailed backtest to see the definition at work.
Dataset<Row> backtest = spark.read().parquet(forecastDir + "/forecast_backtest");
Row w1 = backtest.filter("week = 1").agg(sum("abs_error"), sum("actual")).first();
double wape = w1.getDecimal(0).doubleValue() / w1.getDecimal(1).doubleValue();
Row reported = spark.read().parquet(forecastDir + "/forecast_accuracy").filter("week = 1").first();
System.out.printf("week 1 WAPE recomputed %.4f, reported %.4f%n", wape, reported.<Double>getAs("wape"));
if (Math.abs(wape - reported.<Double>getAs("wape")) > 1e-3) throw new IllegalStateException("WAPE differs");

// 4. Coverage: how often the actual fell inside the interval, against the level it aims at.
spark.read().parquet(forecastDir + "/forecast_accuracy")
        .select("week", "origins", "wape", "bias", "origins_with_interval", "coverage", "interval_level")
        .orderBy("week").show(false);

spark.stop();
/exit
