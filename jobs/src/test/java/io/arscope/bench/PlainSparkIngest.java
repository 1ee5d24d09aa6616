package io.arscope.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.not;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The anchor of the ingest ratio, run by {@link IngestBenchmark} in a JVM of its own: what plain Spark does with the
 * generator's invoices and payments when nothing but a schema and a few row checks stand between the files and
 * month-partitioned Parquet. The same work, settings and timing as {@code ../shared/bench/plain-spark-ingest.jsh}:
 * the session started and warmed by one small job before the clock starts. Prints the seconds it timed. Arguments:
 * the folder of the generated CSV files, the output folder.
 */
public final class PlainSparkIngest {

    /** The line it prints its time on, read by {@link IngestBenchmark}. */
    static final String TIMED = "plain spark ingest %.1f s%n";

    private PlainSparkIngest() {
    }

    public static void main(String[] args) {
        String csv = args[0];
        String out = args[1];
        SparkSession spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "8").getOrCreate();
        spark.range(10).count();
        long t0 = System.nanoTime();
        Dataset<Row> inv = spark.read().option("header", "true").schema("invoice_id string, customer_id string, "
                + "invoice_date date, due_date date, amount decimal(18,2), currency string, business_unit string, "
                + "terms_days int, billing_channel string").csv(csv + "/invoices.csv");
        Column bad = col("invoice_id").isNull().or(col("invoice_date").isNull())
                .or(col("due_date").lt(col("invoice_date"))).or(col("amount").leq(0));
        inv = inv.withColumn("bad", bad);
        inv.filter(not(col("bad"))).drop("bad").withColumn("month", date_format(col("invoice_date"), "yyyy-MM"))
                .repartition(col("month")).write().mode("overwrite").partitionBy("month").parquet(out + "/invoices");
        Dataset<Row> pay = spark.read().option("header", "true").schema("payment_id string, invoice_id string, "
                + "customer_id string, payment_date date, amount decimal(18,2), method string")
                .csv(csv + "/payments.csv");
        Dataset<Row> ok = spark.read().parquet(out + "/invoices").select("invoice_id", "invoice_date");
        pay.join(ok, "invoice_id").filter(col("payment_date").geq(col("invoice_date")).and(col("amount").gt(0)))
                .drop("invoice_date").withColumn("month", date_format(col("payment_date"), "yyyy-MM"))
                .repartition(col("month")).write().mode("overwrite").partitionBy("month").parquet(out + "/payments");
        System.out.printf(TIMED, (System.nanoTime() - t0) / 1e9);
        spark.stop();
    }
}
