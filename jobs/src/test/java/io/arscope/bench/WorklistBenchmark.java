package io.arscope.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.time.Instant;
import java.time.LocalDate;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

import io.arscope.risk.RiskScoring;
import io.arscope.run.SparkSessions;
import io.arscope.worklist.WorklistConfig;
import io.arscope.worklist.WorklistJob;

/**
 * Benchmark harness (not a test): the worklist stage on N scored open invoices (default 1,000,000) of 50,000
 * customers and 20 collectors, 2% disputed, with a paid history of three invoices per open one: ranking, roll-up,
 * days still to pay, Parquet, CSV per collector and summaries. The scores are made up deterministically from the row number, since a generated history has far fewer open invoices;
 * scoring itself is measured by the risk benchmark. Arguments: output folder, invoice count.
 */
public final class WorklistBenchmark {
    private WorklistBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String out = args.length > 0 ? args[0] : "/tmp/arscope-bench/worklist";
        long n = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000L;
        SparkSession spark = SparkSessions.create("arscope-worklist-benchmark", null);
        LocalDate asOf = LocalDate.of(2026, 10, 31);
        Dataset<Row> ids = spark.range(n).withColumn("h", expr("abs(hash(id, 7))"));
        Dataset<Row> scores = ids.select(
                concat(lit("I"), col("id")).as("invoice_id"),
                concat(lit("C"), expr("id % 50000")).as("customer_id"),
                lit(asOf).as("as_of"),
                date_sub(lit(asOf), expr("cast(h % 150 as int)")).as("invoice_date"),
                date_sub(lit(asOf), expr("cast(h % 150 as int) - 30").cast(DataTypes.IntegerType)).as("due_date"),
                lit("USD").as("currency"),
                expr("cast((h % 100000) / 10.0 + 50 as decimal(18,2))").as("amount"),
                expr("cast((h % 100000) / 10.0 + 50 as decimal(18,2))").as("open_amount"),
                expr("cast(h % 150 as int) - 30").as("days_past_due"),
                expr("cast((h % 997) / 997.0 as double)").as("probability_late"),
                expr("cast(h % 40 as double)").as("expected_days_late"),
                expr("case when h % 997 >= 598 then 'high' when h % 997 >= 299 then 'medium' else 'low' end")
                        .as("risk_band"),
                lit("paid 60% of earlier invoices late").as("reason_1"),
                lit("pays 20 days late on average").as("reason_2"),
                when(expr("h % 3 = 0"), lit("invoice is 3.0 times its usual amount")).as("reason_3"),
                when(expr("h % 3 = 0"), lit("hist_late_share,hist_mean_days_late,amount_vs_usual"))
                        .otherwise(lit("hist_late_share,hist_mean_days_late")).as("reason_features"),
                lit(null).cast("string").as("beyond_training"))
                .select(RiskScoring.SCHEMA.fieldNames()[0], java.util.Arrays.copyOfRange(RiskScoring.SCHEMA.fieldNames(),
                        1, RiskScoring.SCHEMA.size())).localCheckpoint();
        Dataset<Row> customers = spark.range(50_000).select(concat(lit("C"), col("id")).as("customer_id"),
                concat(lit("Customer "), col("id")).as("customer_name"),
                concat(lit("collector."), expr("id % 20")).as("collector"),
                date_sub(lit(asOf), expr("cast(id % 60 as int)")).as("last_payment_date")).localCheckpoint();
        Dataset<Row> disputes = scores.filter(expr("abs(hash(invoice_id)) % 50 = 0")).select(col("invoice_id"),
                date_sub(lit(asOf), lit(10)).as("dispute_opened"), lit("pricing").as("dispute_reason"),
                lit(null).cast("date").as("payment_reversed_on"), lit(null).cast("decimal(28,2)").as("reversed_amount"))
                .localCheckpoint();
        // Three paid invoices per open one, 0 to 149 days late, for the days still to pay.
        Dataset<Row> paid = spark.range(3 * n).select(concat(lit("C"), expr("id % 50000")).as("customer_id"),
                expr("cast(abs(hash(id, 11)) % 150 as int)").as("days_late")).localCheckpoint();
        long open = scores.count();
        long t0 = System.nanoTime();
        WorklistJob.Counts c = WorklistJob.write(spark, scores, customers, disputes, paid, WorklistConfig.DEFAULT, out,
                new WorklistJob.ScoreSource("generated", null, "none", "", null, null), asOf, Instant.now());
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("worklist: %,d open invoices (%,d disputed), %,d customer rows, %d collectors in %.1f s "
                + "(%,.0f invoices/s)%n", c.invoices(), disputes.count(), c.customers(), c.collectors(), seconds,
                open / seconds);
        spark.stop();
    }
}
