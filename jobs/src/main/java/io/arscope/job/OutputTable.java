package io.arscope.job;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import io.arscope.run.OutputFiles;
import io.arscope.run.ParquetFooters;

/**
 * An output table declared once: its name (the folder under the job's output, and the CSV beside it) and its
 * columns in order. The Parquet schema, the CSV header, the rows a producer builds ({@link #row()}) and what a
 * consumer reads ({@link #read}, {@link Column#of}) all derive from it, so each column's name is spelled in one
 * place and rows never depend on positions kept in step by hand.
 */
public final class OutputTable implements java.io.Serializable {
    private final String name;
    private final List<Column<?>> columns;
    private final List<Column<?>> keys;
    // Rows are built on hot paths (every scored invoice): a column is found by its name, not by a scan.
    private final java.util.Map<String, Integer> indexByName = new java.util.HashMap<>();

    private OutputTable(String name, List<Column<?>> columns, List<Column<?>> keys) {
        this.name = name;
        this.columns = List.copyOf(columns);
        this.keys = List.copyOf(keys);
        for (int i = 0; i < columns.size(); i++) {
            if (indexByName.put(columns.get(i).name(), i) != null) {
                throw new IllegalArgumentException(name + ": column " + columns.get(i).name() + " is declared twice");
            }
        }
        for (Column<?> key : keys) {
            if (!columns.contains(key)) {
                throw new IllegalArgumentException(name + " has no key column " + key.name());
            }
        }
    }

    public static OutputTable of(String name, Column<?>... columns) {
        return new OutputTable(name, Arrays.asList(columns), List.of());
    }

    public static OutputTable of(String name, List<Column<?>> columns) {
        return new OutputTable(name, columns, List.of());
    }

    /** This table with the columns that tell its rows apart: a failed {@link OutputChecks check} names rows by them. */
    public OutputTable keyedBy(Column<?>... keyColumns) {
        return new OutputTable(name, columns, Arrays.asList(keyColumns));
    }

    /** The columns that tell the rows apart, or none where no row needs naming. */
    public List<Column<?>> keys() {
        return keys;
    }

    public String name() {
        return name;
    }

    public List<Column<?>> columns() {
        return columns;
    }

    /** This table with {@code more} columns after {@code anchor}: columns that depend on the run's settings. */
    public OutputTable withColumnsAfter(Column<?> anchor, List<? extends Column<?>> more) {
        List<Column<?>> all = new ArrayList<>(columns);
        int at = all.indexOf(anchor);
        if (at < 0) {
            throw new IllegalArgumentException(name + " has no column " + anchor.name());
        }
        all.addAll(at + 1, more);
        return new OutputTable(name, all, keys);
    }

    public StructType schema() {
        return DataTypes.createStructType(columns.stream().map(Column::field).toList());
    }

    /** The table's folder under {@code folder}. */
    public String path(String folder) {
        return OutputFiles.child(folder, name);
    }

    /** A new row of this table: every column set by name, then {@link RowBuilder#build()}. */
    public RowBuilder row() {
        return new RowBuilder();
    }

    /** Rows built on the driver as a frame of this table. */
    public Dataset<Row> frame(SparkSession spark, List<Row> rows) {
        return spark.createDataFrame(rows, schema());
    }

    /**
     * A frame computed by Spark, its columns put in the declared order. A decimal with the declared scale is cast to
     * the declared precision: money is stored at one width, whatever width a sum or a canonical amount has (a value
     * too large for it fails, Spark being in ANSI mode).
     *
     * @throws IllegalStateException when a declared column is missing, has another type, or an undeclared one is
     *                               there: the producer and its declaration disagree
     */
    public Dataset<Row> conform(Dataset<Row> rows) {
        StructType actual = rows.schema();
        List<String> undeclared = Arrays.stream(actual.fieldNames())
                .filter(n -> columns.stream().noneMatch(c -> c.name().equals(n))).toList();
        if (!undeclared.isEmpty()) {
            throw new IllegalStateException(name + ": columns " + undeclared + " are not declared");
        }
        List<org.apache.spark.sql.Column> select = new ArrayList<>();
        for (Column<?> c : columns) {
            StructField f = Arrays.stream(actual.fields()).filter(x -> x.name().equals(c.name())).findFirst()
                    .orElseThrow(() -> new IllegalStateException(name + ": column " + c.name() + " is missing"));
            if (f.dataType().equals(c.type())) {
                select.add(c.col());
            } else if (f.dataType() instanceof DecimalType found && c.type() instanceof DecimalType declared
                    && found.scale() == declared.scale()) {
                select.add(c.col().cast(declared).as(c.name()));
            } else {
                throw new IllegalStateException(name + ": column " + c.name() + " is " + f.dataType().simpleString()
                        + ", declared " + c.type().simpleString());
            }
        }
        return rows.select(select.toArray(org.apache.spark.sql.Column[]::new));
    }

    /** The table as a producer wrote it under {@code folder}, its declared columns in order. */
    public Dataset<Row> read(SparkSession spark, String folder) {
        return ParquetFooters.read(spark, path(folder))
                .select(columns.stream().map(Column::col).toArray(org.apache.spark.sql.Column[]::new));
    }

    /** Builds one row of the table, by column. */
    public final class RowBuilder implements java.io.Serializable {
        private final Object[] values = new Object[columns.size()];
        private final boolean[] set = new boolean[columns.size()];

        private RowBuilder() {
        }

        public <T> RowBuilder set(Column<T> column, T value) {
            Integer i = indexByName.get(column.name());
            if (i == null || !columns.get(i).equals(column)) {
                throw new IllegalArgumentException(name + " has no column " + column.name());
            }
            values[i] = value;
            set[i] = true;
            return this;
        }

        /**
         * The row, once every column has been set (to null where it is empty).
         *
         * @throws OutputCheckException when a required column is empty, or an amount is too large for its column's
         *                              type (Spark would fail later, naming neither the column nor the row)
         */
        public Row build() {
            for (int i = 0; i < set.length; i++) {
                Column<?> column = columns.get(i);
                if (!set[i]) {
                    throw new IllegalStateException(name + ": column " + column.name() + " was not set");
                }
                if (values[i] == null && !column.nullable()) {
                    throw new OutputCheckException(name, OutputChecks.required(column).rule(), found("empty"));
                }
                if (!column.fits(values[i])) {
                    throw new OutputCheckException(name, OutputCheckException.FITS, found(column.name() + " "
                            + ((java.math.BigDecimal) values[i]).toPlainString() + " does not fit "
                            + column.type().simpleString()));
                }
            }
            return RowFactory.create(values.clone());
        }

        /** {@code what} at this row, named by the table's keys. */
        private String found(String what) {
            return OutputChecks.at(keys.stream().map(k -> k.name() + "=" + values[indexByName.get(k.name())])
                    .toList(), what);
        }
    }
}
