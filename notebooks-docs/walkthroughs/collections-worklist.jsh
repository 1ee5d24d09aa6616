// Walk-through: today's collection worklists, from the outputs of `arscope worklist`.
//
// Run it:   jobs/arscope-jshell notebooks-docs/walkthroughs/collections-worklist.jsh
// Other outputs:   jobs/arscope-jshell -R-Darscope.worklist=/path/to/worklist ...

import org.apache.spark.sql.*;
import static org.apache.spark.sql.functions.*;

String worklistDir = System.getProperty("arscope.worklist", "out/worklist");
SparkSession spark = SparkSession.builder().master("local[2]").appName("worklist-walkthrough")
        .config("spark.ui.enabled", "false").getOrCreate();
spark.sparkContext().setLogLevel("ERROR");

// 1. Per collector: customers on today's list, and the money they touch, collection queue and dispute queue apart
//    (and currencies apart: amounts of two currencies are never added).
Dataset<Row> customers = spark.read().parquet(worklistDir + "/worklist-customers");
customers.filter("in_today").groupBy("collector", "queue", "currency")
        .agg(count(lit(1)).as("customers_today"), sum("open_amount").as("open_touched"))
        .orderBy("collector", "queue", "currency").show(50, false);

// 2. One collector's list in the order to work it, with the next action and the model's reasons.
String collector = customers.filter("in_today").orderBy("collector").first().getAs("collector");
customers.filter(col("collector").equalTo(collector).and(col("in_today")))
        .select("customer_rank", "customer_id", "queue", "currency", "open_amount", "max_days_past_due",
                "probability_late", "next_action")
        .orderBy("queue", "customer_rank").show(false);

// 3. Why the model flags invoices: the most frequent first reasons across all open invoices.
spark.read().parquet(worklistDir + "/worklist-invoices").groupBy("reason_1").count()
        .orderBy(col("count").desc()).show(10, false);

// 4. Ranks are 1, 2, 3... within each collector and queue, with no gaps: a check worth keeping.
long gaps = customers.groupBy("collector", "queue").agg(max("customer_rank").as("m"), count(lit(1)).as("n"))
        .filter("m <> n").count();
if (gaps != 0) throw new IllegalStateException(gaps + " queues with gaps in their ranks");
System.out.println("ranks complete in every queue: checked");

spark.stop();
/exit
