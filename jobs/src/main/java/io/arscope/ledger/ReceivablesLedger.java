package io.arscope.ledger;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import io.arscope.model.CanonicalTable;

/**
 * The canonical tables as an ingest run wrote them, read back for analysis with the dates analysis counts by
 * ({@link EffectiveDates}), and cut at an as-of date: what was known on that date, with invoices issued later, and
 * payments, credit memos, write-offs and disputes dated later, left out.
 *
 * @param ingestAsOf the as-of date of the ingest run that wrote the tables ({@link CanonicalSource#ingestAsOf}); null
 *                   when unknown. An export taken after it holds rows dated later, which ingest keeps (flagged
 *                   {@code DATED_AFTER_AS_OF}); a job given no as-of date runs as of it, not as of those rows.
 */
public record ReceivablesLedger(Dataset<Row> customers, Dataset<Row> invoices, Dataset<Row> payments,
        Dataset<Row> adjustments, Dataset<Row> disputes, LocalDate ingestAsOf) {

    /** The folder under an ingest run's output that holds the canonical tables. */
    public static final String CANONICAL = "canonical";
    /** The ingest run's manifest, beside {@link #CANONICAL}. */
    public static final String INGEST_MANIFEST = "ingest-run.json";

    /** Tables not known to come from an ingest run with an as-of date. */
    public ReceivablesLedger(Dataset<Row> customers, Dataset<Row> invoices, Dataset<Row> payments,
            Dataset<Row> adjustments, Dataset<Row> disputes) {
        this(customers, invoices, payments, adjustments, disputes, null);
    }

    /** The canonical tables an ingest run wrote under {@code ingestOutput}. */
    public static ReceivablesLedger ofIngest(SparkSession spark, String ingestOutput) {
        return read(spark, ingestOutput + "/" + CANONICAL);
    }

    /**
     * Reads every canonical table under {@code canonicalDir} ({@link CanonicalSource}: the Parquet tables
     * {@code arscope ingest} writes, or the lake versions it merged into) through {@link EffectiveDates}: the one
     * place where flagged oddities get their meaning (it reads the payments', adjustments' and disputes'
     * {@code quality_flags}, which the ledger's tables then leave out). In a {@link SharedLedger} scope, read once.
     */
    public static ReceivablesLedger read(SparkSession spark, String canonicalDir) {
        return SharedLedger.read(canonicalDir, () -> {
            CanonicalSource source = CanonicalSource.at(spark, canonicalDir);
            return EffectiveDates.of(new ReceivablesLedger(table(source, CanonicalTable.CUSTOMERS),
                    table(source, CanonicalTable.INVOICES),
                    withFlags(source, CanonicalTable.PAYMENTS),
                    withFlags(source, CanonicalTable.ADJUSTMENTS),
                    withFlags(source, CanonicalTable.DISPUTES), source.ingestAsOf()), source);
        });
    }

    /**
     * One canonical table under {@code dir}; an optional column added after the folder was written (payments'
     * currency) reads as empty.
     */
    public static Dataset<Row> table(SparkSession spark, String dir, CanonicalTable table) {
        return table(CanonicalSource.at(spark, dir), table);
    }

    /** One canonical table of {@code source}, as {@link #table(SparkSession, String, CanonicalTable)}. */
    public static Dataset<Row> table(CanonicalSource source, CanonicalTable table) {
        return fields(source.read(table), table, false);
    }

    /** {@link #table}, and its {@code quality_flags} when the folder has them. */
    private static Dataset<Row> withFlags(CanonicalSource source, CanonicalTable table) {
        return fields(source.read(table), table, true);
    }

    private static Dataset<Row> fields(Dataset<Row> stored, CanonicalTable table, boolean flags) {
        List<String> columns = List.of(stored.columns());
        java.util.stream.Stream<org.apache.spark.sql.Column> selected = table.fields().stream().map(f ->
                columns.contains(f.name()) || f.required() ? col(f.name()) : lit(null).cast(f.type().sparkType())
                        .as(f.name()));
        if (flags && columns.contains(CanonicalTable.QUALITY_FLAGS)) {
            selected = java.util.stream.Stream.concat(selected,
                    java.util.stream.Stream.of(col(CanonicalTable.QUALITY_FLAGS)));
        }
        return stored.select(selected.toArray(org.apache.spark.sql.Column[]::new));
    }

    /**
     * The ledger as known at the end of {@code asOf}. Read through {@link EffectiveDates}, a prepayment dated on or
     * before {@code asOf} for an invoice issued after it counts on that invoice's date, so it is left out with it.
     * In a {@link SharedLedger} scope, the cut of a ledger read there is made once.
     */
    public ReceivablesLedger asOf(LocalDate asOf) {
        return SharedLedger.cut(this, asOf, () -> new ReceivablesLedger(customers,
                invoices.filter(col("invoice_date").leq(asOf)),
                payments.filter(col("payment_date").leq(asOf)),
                adjustments.filter(col("adjustment_date").leq(asOf)),
                disputes.filter(col("opened_date").leq(asOf)), ingestAsOf));
    }

    /** The given day, else the latest date in the data ({@link #latestDate}). */
    public LocalDate dayOrLatest(LocalDate asOf) {
        LocalDate date = asOf != null ? asOf : latestDate();
        if (date == null) {
            throw new IllegalArgumentException("the canonical invoices are empty");
        }
        return date;
    }

    /**
     * The latest business date in the data, the natural as-of date of an export; but no later than the ingest's
     * as-of date, since an export taken after that day holds rows dated after it, which the ingest kept and
     * flagged.
     */
    public LocalDate latestDate() {
        LocalDate latest = null;
        for (Dataset<Row> dates : new Dataset[] {invoices.select(col("invoice_date").as("d")),
                payments.select(col("payment_date").as("d")), adjustments.select(col("adjustment_date").as("d"))}) {
            Row max = dates.agg(org.apache.spark.sql.functions.max("d")).first();
            if (!max.isNullAt(0)) {
                LocalDate d = max.getAs(0);
                latest = latest == null || d.isAfter(latest) ? d : latest;
            }
        }
        return ingestAsOf != null && latest != null && latest.isAfter(ingestAsOf) ? ingestAsOf : latest;
    }
}
