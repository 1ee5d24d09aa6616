package io.arscope.ingest;

import static org.apache.spark.sql.functions.col;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.jdbc.JdbcDialects;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arscope.ingest.mapping.Mapping;
import io.arscope.ingest.mapping.Partitioning;
import io.arscope.ingest.mapping.SourceSpec;
import io.arscope.job.InputException;

/**
 * Reads a mapping's database tables and queries through Spark's JDBC source, in parallel range slices, and maps
 * every row exactly as a line of a file is mapped: each value is turned into the text an export would hold and
 * goes through {@link RecordMapper}, so the same checks, rejects and reconciliation apply. A source's rows are
 * numbered from 1 in the order of its key, and a reject shows the row's key and mapped columns as JSON.
 */
public final class DatabaseSources {

    /** Marks a database source in {@code source_file}, so it cannot be taken for a file. */
    private static final String LABEL_PREFIX = "db:";
    private static final int CENTS = 2;

    private DatabaseSources() {
    }

    /** One part of {@link MappedRows#SCHEMA} rows per database source of the mapping; none when it reads files only. */
    static List<MappedLines.Part> readAll(SparkSession spark, Mapping mapping, JdbcConnection database,
            LocalDate asOf, ValueBounds bounds) throws InputException {
        List<MappedLines.Part> parts = new ArrayList<>();
        for (SourceSpec source : mapping.sources()) {
            if (source.isDatabase()) {
                parts.add(MappedLines.Part.of(source, read(spark, source, database, asOf, bounds)));
            }
        }
        return parts;
    }

    /** How rejects and the reconciliation name a source: its table, or the name of its query. */
    private static String label(SourceSpec source) {
        return LABEL_PREFIX + (source.table() != null ? source.table() : source.name());
    }

    private static JavaRDD<Row> read(SparkSession spark, SourceSpec source, JdbcConnection database, LocalDate asOf,
            ValueBounds valueBounds) throws InputException {
        String label = label(source);
        String relation = source.table() != null ? source.table() : "(" + source.query() + ") arscope_query";
        Dataset<Row> table;
        try {
            // Without NTZ a timestamp column would be read in the JVM's zone and could move to another day.
            DataFrameReader reader = database.reader(spark).option("dbtable", relation)
                    .option("fetchsize", source.fetchSizeOrDefault()).option("preferTimestampNTZ", true);
            Partitioning partitioning = source.partitioning();
            if (partitioning != null && partitioning.partitions() > 1) {
                String[] bounds = partitioning.lowerBound() != null
                        ? new String[] {partitioning.lowerBound(), partitioning.upperBound()}
                        : minMax(spark, database, relation, partitioning.column());
                if (bounds != null) {
                    reader.option("partitionColumn", partitioning.column()).option("lowerBound", bounds[0])
                            .option("upperBound", bounds[1]).option("numPartitions", partitioning.partitions());
                }
            }
            table = reader.load();
        } catch (Exception e) {
            // Spark's Scala code throws the driver's checked SQLException undeclared.
            throw new InputException(label + ": cannot read from " + database + ": " + e.getMessage());
        }

        List<String> columns = Arrays.asList(table.columns());
        RecordMapper mapper = new RecordMapper(source, label, columns, asOf, valueBounds);
        List<String> selected = new ArrayList<>(source.key());
        mapper.namedColumns().stream().filter(c -> !selected.contains(c)).forEach(selected::add);
        List<String> missing = selected.stream().filter(c -> !columns.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new InputException(label + ": the mapping (source '" + source.name() + "') names column(s) "
                    + missing + " that the database does not return; its columns are " + columns);
        }
        for (StructField field : table.schema().fields()) {
            if (selected.contains(field.name()) && !readable(field.dataType())) {
                throw new InputException(label + ": column " + field.name() + " is of type "
                        + field.dataType().simpleString() + ", which has no text form to map; cast it in a query");
            }
        }
        // One read, kept: the numbering below and the mapping then see the same rows however often Spark looks.
        Dataset<Row> rows = table.select(selected.stream().map(DatabaseSources::column).toArray(Column[]::new))
                .localCheckpoint();
        Column[] order = source.key().stream().map(DatabaseSources::column).toArray(Column[]::new);
        List<String> names = List.copyOf(selected);
        return rows.orderBy(order).javaRDD().zipWithIndex().map(t -> {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                values.put(names.get(i), text(t._1().get(i)));
            }
            return mapper.mapValues(values, Raw.json(values), t._2() + 1);
        });
    }

    /** A column by its exact name: database names may hold dots, which col() would read as a path. */
    private static Column column(String name) {
        return col("`" + name.replace("`", "``") + "`");
    }

    /** The partition column's MIN and MAX as Spark's bounds; null when the source has no rows. */
    private static String[] minMax(SparkSession spark, JdbcConnection database, String relation, String column) {
        String quoted = JdbcDialects.get(database.url()).quoteIdentifier(column);
        Row bounds = database.reader(spark)
                .option("query", "SELECT MIN(" + quoted + ") AS lo, MAX(" + quoted + ") AS hi FROM " + relation)
                .load().first();
        if (bounds.isNullAt(0)) {
            return null;
        }
        return new String[] {bound(bounds.get(0), RoundingMode.FLOOR), bound(bounds.get(1), RoundingMode.CEILING)};
    }

    private static String bound(Object value, RoundingMode rounding) {
        if (value instanceof BigDecimal decimal) {
            return decimal.setScale(0, rounding).toPlainString();
        }
        if (value instanceof Instant instant) {
            return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
        }
        return value.toString();
    }

    private static boolean readable(DataType type) {
        return type instanceof StringType || type instanceof NumericType || type instanceof BooleanType
                || type instanceof DateType || type instanceof TimestampType || type instanceof TimestampNTZType;
    }

    /** A value as an export would write it: dates ISO, decimals in plain notation, timestamps as their day. */
    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            // Spark reads a NUMERIC without scale with 18 decimals; the padding beyond cents is not the value's.
            BigDecimal shown = decimal.scale() > CENTS ? decimal.stripTrailingZeros() : decimal;
            return (shown.scale() < CENTS && decimal.scale() > CENTS ? shown.setScale(CENTS) : shown).toPlainString();
        }
        if (value instanceof LocalDateTime dateTime) {
            return dateTime.toLocalDate().toString();
        }
        if (value instanceof Instant instant) {
            // The session time zone is UTC (SparkSessions.SETTINGS).
            return LocalDate.ofInstant(instant, ZoneOffset.UTC).toString();
        }
        return value.toString();
    }

    /** The JSON text rejects show for a database row; its writer is per JVM, as it is not serializable. */
    private static final class Raw {
        private static final ObjectMapper JSON = new ObjectMapper();

        static String json(Map<String, String> values) {
            try {
                return JSON.writeValueAsString(values);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a map of strings always serializes", e);
            }
        }
    }
}
