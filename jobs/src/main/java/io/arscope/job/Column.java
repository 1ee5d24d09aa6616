package io.arscope.job;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * One column of an output table, declared once in its table's {@link OutputTable}: the name that producer and
 * consumers share, its type in Parquet, whether it may be empty, and the Java type a reader gets back.
 *
 * @param <T> the value's Java type
 */
public record Column<T>(String name, DataType type, boolean nullable, Class<T> javaType) implements Serializable {

    /** Money in stored results: DECIMAL(18,2), never a double. */
    public static final DataType MONEY = DataTypes.createDecimalType(18, 2);

    public static Column<String> text(String name) {
        return new Column<>(name, DataTypes.StringType, true, String.class);
    }

    public static Column<LocalDate> date(String name) {
        return new Column<>(name, DataTypes.DateType, true, LocalDate.class);
    }

    public static Column<BigDecimal> money(String name) {
        return new Column<>(name, MONEY, true, BigDecimal.class);
    }

    public static Column<Double> number(String name) {
        return new Column<>(name, DataTypes.DoubleType, true, Double.class);
    }

    public static Column<Integer> integer(String name) {
        return new Column<>(name, DataTypes.IntegerType, true, Integer.class);
    }

    public static Column<Long> count(String name) {
        return new Column<>(name, DataTypes.LongType, true, Long.class);
    }

    public static Column<Boolean> flag(String name) {
        return new Column<>(name, DataTypes.BooleanType, true, Boolean.class);
    }

    /** A column whose type comes from elsewhere (a canonical field a table is sliced by). */
    public static Column<Object> typed(String name, DataType type) {
        return new Column<>(name, type, true, Object.class);
    }

    /** The same column, never empty: Parquet stores it as required. */
    public Column<T> required() {
        return new Column<>(name, type, false, javaType);
    }

    /** Its value in a row of its table, found by name; null when empty. */
    public T of(Row row) {
        return javaType.cast(row.get(row.fieldIndex(name)));
    }

    /** The column in a Spark expression. */
    public org.apache.spark.sql.Column col() {
        return functions.col(name);
    }

    StructField field() {
        return DataTypes.createStructField(name, type, nullable);
    }
}
