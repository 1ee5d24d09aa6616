package io.arscope.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import io.delta.tables.DeltaTable;
import io.arscope.job.InputException;
import io.arscope.ledger.CanonicalSource;
import io.arscope.ledger.LakeSnapshot;
import io.arscope.model.CanonicalTable;

/**
 * The lake daily exports are merged into: one Delta table per canonical table, {@code <lake>/<table>}, with the
 * canonical columns, {@code quality_flags} and, for a dated table, the month it is partitioned by. A load upserts
 * each table by its key ({@link CanonicalTable#keyFields()}): a new key is inserted, a changed record replaces the
 * stored one, an unchanged one is left alone, so that loading the same export twice changes nothing. A derived record
 * (a customer read off an invoice line) is inserted when its key is new and never replaces a stored one, which may
 * hold what the customers' own export said. Each table's merge is one Delta commit.
 */
final class LakeTables {

    /** What loading one table did: its version after the load, and the records inserted and replaced. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TableLoad(long version, long inserted, long updated) {
    }

    private static final String DERIVED = "_derived";
    /** The file, in the lake's folder, holding the as-of date of the latest load that merged. */
    static final String LATEST_LOAD = "_latest_load";
    /** The Delta setting whose text each commit records as its user metadata: which load made it. */
    private static final String USER_METADATA = "spark.databricks.delta.commitInfo.userMetadata";

    private final SparkSession spark;
    private final String lake;

    LakeTables(SparkSession spark, String lake) {
        this.spark = spark;
        this.lake = lake;
    }

    /** The stored columns of {@code table}: canonical fields, quality flags, and its month when it is dated. */
    static StructType schema(CanonicalTable table) {
        StructType schema = table.schema().add(CanonicalTable.QUALITY_FLAGS, DataTypes.StringType, true);
        return table.dateField().isPresent() ? schema.add(CanonicalTable.MONTH_PARTITION, DataTypes.StringType, true)
                : schema;
    }

    /**
     * The latest version of every table, each made (empty) where the lake has none yet: a new lake, or a table
     * added to the canonical model since the lake was made. A column added to the canonical model since is added
     * to the table, empty in the records stored before.
     *
     * @throws InputException when a table's folder holds something other than a Delta table
     */
    Map<CanonicalTable, Long> latest() throws InputException {
        Map<CanonicalTable, Long> versions = new EnumMap<>(CanonicalTable.class);
        for (CanonicalTable table : CanonicalTable.values()) {
            String path = LakeSnapshot.path(lake, table);
            if (!DeltaTable.isDeltaTable(spark, path)) {
                create(table, path);
            }
            DeltaTable stored = DeltaTable.forPath(spark, path);
            Set<String> columns = Set.of(stored.toDF().columns());
            for (StructField field : schema(table).fields()) {
                if (!columns.contains(field.name())) {
                    spark.sql("ALTER TABLE " + sqlName(path) + " ADD COLUMNS (" + quoted(field.name()) + " "
                            + field.dataType().sql() + ")");
                }
            }
            versions.put(table, version(stored));
        }
        return versions;
    }

    /**
     * An empty table. It keeps its log for a century, as every table a session makes
     * ({@link io.arscope.run.SparkSessions#SETTINGS}): Delta drops log entries older than 30 days by default, which
     * would stop a run older than that from being reproduced (data files are only ever removed by a VACUUM).
     */
    private void create(CanonicalTable table, String path) throws InputException {
        Path folder = new Path(path);
        try {
            FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.exists(folder) && fs.listStatus(folder).length > 0) {
                throw new InputException("the lake folder " + path + " holds files but no Delta table: give --lake a "
                        + "lake's folder, or a new or empty one");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look into " + path, e);
        }
        var writer = spark.createDataFrame(List.of(), schema(table)).write().format("delta")
                .mode(SaveMode.ErrorIfExists);
        if (table.dateField().isPresent()) {
            writer = writer.partitionBy(CanonicalTable.MONTH_PARTITION);
        }
        writer.save(path);
    }

    private static String sqlName(String path) {
        return "delta.`" + path.replace("`", "``") + "`";
    }

    /**
     * Refuses a load dated before the latest load's as-of date: its rows would replace newer ones (a dispute
     * resolved since would read open again). A past day's jobs are rerun on that day's ingest output instead, whose
     * snapshot pins the lake as it was. A load without an as-of date ({@code --any-date}) is not compared.
     */
    void refuseEarlierThanLatestLoad(LocalDate asOf) throws InputException {
        LocalDate latest = latestLoad();
        if (asOf != null && latest != null && asOf.isBefore(latest)) {
            throw new InputException("the lake " + lake + " holds loads up to " + latest + ": a load as of " + asOf
                    + " would put older rows over newer ones. To rerun the jobs of " + asOf + ", give them that "
                    + "day's ingest output, which reads the lake as it was then (arscope run --from metrics)");
        }
    }

    /** The as-of date of the latest load that merged, or null: none yet, or none dated. */
    LocalDate latestLoad() {
        Path file = new Path(lake, LATEST_LOAD);
        try {
            FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(file)) {
                return null;
            }
            try (java.io.InputStream in = fs.open(file)) {
                String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
                return text.isEmpty() ? null : LocalDate.parse(text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Records a merged load's as-of date, when later than the latest recorded. */
    void recordLoad(LocalDate asOf) throws IOException {
        LocalDate latest = latestLoad();
        if (asOf == null || latest != null && !asOf.isAfter(latest)) {
            return;
        }
        Path file = new Path(lake, LATEST_LOAD);
        FileSystem fs = file.getFileSystem(spark.sparkContext().hadoopConfiguration());
        try (java.io.OutputStream out = fs.create(file, true)) {
            out.write((asOf + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** What the lake holds at {@code versions} that an export's records may name. */
    KnownRecords known(Map<CanonicalTable, Long> versions) {
        return new KnownRecords(
                read(CanonicalTable.CUSTOMERS, versions).select("customer_id").localCheckpoint(),
                read(CanonicalTable.INVOICES, versions).select(
                        Arrays.stream(KnownRecords.INVOICE_COLUMNS).map(c -> col(c)).toArray(Column[]::new))
                        .localCheckpoint(),
                read(CanonicalTable.EXCHANGE_RATES, versions).select("currency", "rate_date").localCheckpoint());
    }

    private Dataset<Row> read(CanonicalTable table, Map<CanonicalTable, Long> versions) {
        return CanonicalSource.lakeVersion(spark, LakeSnapshot.path(lake, table), versions.get(table));
    }

    /**
     * Merges an export's accepted records of {@code table} (canonical columns and {@code quality_flags}), {@code
     * acceptedCount} of them, into the lake; {@code derivedKeys} are the keys of those that were derived. Nothing is
     * committed when there are none.
     */
    TableLoad merge(CanonicalTable table, Dataset<Row> accepted, long acceptedCount, Dataset<Row> derivedKeys,
            long before, String load) {
        if (acceptedCount == 0) {
            return new TableLoad(before, 0, 0);
        }
        Dataset<Row> source = accepted;
        if (table.dateField().isPresent()) {
            source = source.withColumn(CanonicalTable.MONTH_PARTITION,
                    date_format(col(table.dateField().get()), "yyyy-MM"));
        }
        source = derivedKeys.isEmpty() ? source.withColumn(DERIVED, lit(false))
                : source.join(derivedKeys.withColumn(DERIVED, lit(true)),
                        ReferenceChecks.seq(table.keyFields().toArray(String[]::new)), "left_outer")
                        .withColumn(DERIVED, coalesce(col(DERIVED), lit(false)));
        Column sameKey = null;
        for (String key : table.keyFields()) {
            Column same = col("t." + key).equalTo(col("s." + key));
            sameKey = sameKey == null ? same : sameKey.and(same);
        }
        Column unchanged = null;
        Map<String, Column> values = new LinkedHashMap<>();
        for (String name : schema(table).fieldNames()) {
            values.put(quoted(name), col("s." + quoted(name)));
            Column same = col("t." + quoted(name)).eqNullSafe(col("s." + quoted(name)));
            unchanged = unchanged == null ? same : unchanged.and(same);
        }
        DeltaTable target = DeltaTable.forPath(spark, LakeSnapshot.path(lake, table));
        String previous = spark.conf().getOption(USER_METADATA).getOrElse(() -> null);
        spark.conf().set(USER_METADATA, load);
        try {
            target.as("t").merge(source.as("s"), sameKey)
                    .whenMatched(col("s." + DERIVED).equalTo(false).and(org.apache.spark.sql.functions.not(unchanged)))
                    .update(values)
                    .whenNotMatched().insert(values)
                    .execute();
        } finally {
            if (previous == null) {
                spark.conf().unset(USER_METADATA);
            } else {
                spark.conf().set(USER_METADATA, previous);
            }
        }
        Row last = target.history(1).select("version", "operationMetrics").first();
        Map<String, String> metrics = last.getJavaMap(1);
        return new TableLoad(last.getLong(0), count(metrics, "numTargetRowsInserted"),
                count(metrics, "numTargetRowsUpdated"));
    }

    private static long version(DeltaTable table) {
        return table.history(1).select("version").first().getLong(0);
    }

    private static long count(Map<String, String> metrics, String name) {
        String value = metrics.get(name);
        return value == null ? 0 : Long.parseLong(value);
    }

    private static String quoted(String name) {
        return "`" + name + "`";
    }
}
