package io.arscope.job;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import io.arscope.run.OutputFiles;

/**
 * An output table declared once: its name (the folder under the job's output, and the CSV beside it) and its
 * columns in order. The Parquet schema, the CSV header, the rows a producer builds ({@link #row()}) and what a
 * consumer reads ({@link #read}, {@link Column#of}) all derive from it, so each column's name is spelled in one
 * place and rows never depend on positions kept in step by hand.
 */
public final class OutputTable implements java.io.Serializable {
    private final String name;
    private final List<Column<?>> columns;
    // Rows are built on hot paths (every scored invoice): a column is found by its name, not by a scan.
    private final java.util.Map<String, Integer> indexByName = new java.util.HashMap<>();

    private OutputTable(String name, List<Column<?>> columns) {
        this.name = name;
        this.columns = List.copyOf(columns);
        for (int i = 0; i < columns.size(); i++) {
            if (indexByName.put(columns.get(i).name(), i) != null) {
                throw new IllegalArgumentException(name + ": column " + columns.get(i).name() + " is declared twice");
            }
        }
    }

    public static OutputTable of(String name, Column<?>... columns) {
        return new OutputTable(name, Arrays.asList(columns));
    }

    public static OutputTable of(String name, List<Column<?>> columns) {
        return new OutputTable(name, columns);
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
        return new OutputTable(name, all);
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
     * A frame computed by Spark, its columns put in the declared order.
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
        for (Column<?> c : columns) {
            StructField f = Arrays.stream(actual.fields()).filter(x -> x.name().equals(c.name())).findFirst()
                    .orElseThrow(() -> new IllegalStateException(name + ": column " + c.name() + " is missing"));
            if (!f.dataType().equals(c.type())) {
                throw new IllegalStateException(name + ": column " + c.name() + " is " + f.dataType().simpleString()
                        + ", declared " + c.type().simpleString());
            }
        }
        return rows.select(columns.stream().map(Column::col).toArray(org.apache.spark.sql.Column[]::new));
    }

    /** The table as a producer wrote it under {@code folder}, its declared columns in order. */
    public Dataset<Row> read(SparkSession spark, String folder) {
        return spark.read().parquet(path(folder))
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

        /** The row, once every column has been set (to null where it is empty). */
        public Row build() {
            for (int i = 0; i < set.length; i++) {
                if (!set[i]) {
                    throw new IllegalStateException(name + ": column " + columns.get(i).name() + " was not set");
                }
            }
            return RowFactory.create(values.clone());
        }
    }
}
