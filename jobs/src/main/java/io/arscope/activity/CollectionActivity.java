package io.arscope.activity;

import static org.apache.spark.sql.functions.col;

import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import io.arscope.ledger.CanonicalSource;
import io.arscope.ledger.ReceivablesLedger;
import io.arscope.model.CanonicalTable;

/**
 * The collection-activity tables an ingest run wrote: contacts, promises to pay and payment-plan instalments, in
 * their canonical columns. A canonical folder written before these tables existed reads as having none.
 */
public record CollectionActivity(Dataset<Row> contacts, Dataset<Row> promises, Dataset<Row> planInstalments) {

    /** The activity tables under an ingest run's output. */
    public static CollectionActivity ofIngest(SparkSession spark, String ingestOutput) {
        return read(spark, ingestOutput + "/" + ReceivablesLedger.CANONICAL);
    }

    /** Reads {@code <dir>/<table>} for each activity table ({@link CanonicalSource}). */
    public static CollectionActivity read(SparkSession spark, String canonicalDir) {
        CanonicalSource source = CanonicalSource.at(spark, canonicalDir);
        return new CollectionActivity(table(spark, source, CanonicalTable.CONTACTS),
                table(spark, source, CanonicalTable.PROMISES),
                table(spark, source, CanonicalTable.PLAN_INSTALMENTS));
    }

    /** No activity at all. */
    public static CollectionActivity none(SparkSession spark) {
        return new CollectionActivity(empty(spark, CanonicalTable.CONTACTS), empty(spark, CanonicalTable.PROMISES),
                empty(spark, CanonicalTable.PLAN_INSTALMENTS));
    }

    /** What was known at the end of {@code asOf}: contacts made, promises made and plans agreed by then. */
    public CollectionActivity asOf(LocalDate asOf) {
        return new CollectionActivity(contacts.filter(col("contact_date").leq(asOf)),
                promises.filter(col("promised_on").leq(asOf)), planInstalments.filter(col("agreed_on").leq(asOf)));
    }

    private static Dataset<Row> table(SparkSession spark, CanonicalSource source, CanonicalTable table) {
        return source.has(table) ? ReceivablesLedger.table(source, table) : empty(spark, table);
    }

    private static Dataset<Row> empty(SparkSession spark, CanonicalTable table) {
        return spark.createDataFrame(List.of(), table.schema());
    }
}
