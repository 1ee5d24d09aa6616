package io.arscope.ledger;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.internal.SQLConf;

/**
 * Rows about to be grouped by invoice, shuffled by invoice first. An invoice has one or two payments, so nearly
 * every key of such a grouping is distinct. Spark plans every grouping to combine rows before the shuffle: here that
 * builds a hash map of a million keys or more in each task and combines almost nothing, and adaptive execution then
 * merges the shuffle's output into a few large partitions, whose hash maps no longer fit in the processor's caches.
 * Shuffled first into the session's shuffle partitions, a number adaptive execution keeps, each task groups its own
 * share of the invoices. At 5M invoices this took the aging's grouping of 10.5M movements from about 9.5 s to 6.5 s
 * (2 cores). The invoice history's grouping of events into arrays, shuffled first too, gained 20% measured alone
 * and nothing in the metrics job at 1M (93.7 and 83.5 s against 92.5 and 82.5 s), so it groups as Spark plans.
 */
public final class PerInvoice {

    private PerInvoice() {
    }

    /** {@code rows}, which have an {@code invoice_id} column, partitioned by it. */
    public static Dataset<Row> shuffled(Dataset<Row> rows) {
        int partitions = Integer.parseInt(rows.sparkSession().conf().get(SQLConf.SHUFFLE_PARTITIONS().key()));
        return rows.repartition(partitions, col("invoice_id"));
    }
}
