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
 * consumers share, its type in Parquet, whether it may be empty, the Java type a reader gets back, and whether it is
 * a share. Its declaration is also what the table's {@link OutputChecks} check before it is published.
 *
 * @param <T>   the value's Java type
 * @param share whether the value is a share of a whole, within 0..1 for any data (a part counted against the whole
 *              it is part of)
 */
public record Column<T>(String name, DataType type, boolean nullable, Class<T> javaType, boolean share)
        implements Serializable {

    /**
     * Money in stored results, one amount or a total: DECIMAL(28,2), never a double. It holds up to 10^26 - 0.01:
     * any total of up to 10^14 amounts within the ingest bound (999,999,999,999.99 each), so a sum never overflows.
     * Canonical amounts stay DECIMAL(18,2).
     */
    public static final DataType MONEY = DataTypes.createDecimalType(28, 2);

    public static Column<String> text(String name) {
        return new Column<>(name, DataTypes.StringType, true, String.class, false);
    }

    public static Column<LocalDate> date(String name) {
        return new Column<>(name, DataTypes.DateType, true, LocalDate.class, false);
    }

    public static Column<BigDecimal> money(String name) {
        return new Column<>(name, MONEY, true, BigDecimal.class, false);
    }

    public static Column<Double> number(String name) {
        return new Column<>(name, DataTypes.DoubleType, true, Double.class, false);
    }

    /** A number that is a share of a whole: checked to lie within 0..1 before its table is published. */
    public static Column<Double> share(String name) {
        return new Column<>(name, DataTypes.DoubleType, true, Double.class, true);
    }

    public static Column<Integer> integer(String name) {
        return new Column<>(name, DataTypes.IntegerType, true, Integer.class, false);
    }

    public static Column<Long> count(String name) {
        return new Column<>(name, DataTypes.LongType, true, Long.class, false);
    }

    public static Column<Boolean> flag(String name) {
        return new Column<>(name, DataTypes.BooleanType, true, Boolean.class, false);
    }

    /** A column whose type comes from elsewhere (a canonical field a table is sliced by). */
    public static Column<Object> typed(String name, DataType type) {
        return new Column<>(name, type, true, Object.class, false);
    }

    /** The same column, never empty: Parquet stores it as required, and its table is checked for empty values. */
    public Column<T> required() {
        return new Column<>(name, type, false, javaType, share);
    }

    /** Whether {@code value} can be stored in this column without losing digits before the decimal point. */
    boolean fits(Object value) {
        if (value instanceof BigDecimal amount && type instanceof org.apache.spark.sql.types.DecimalType decimal) {
            return amount.precision() - amount.scale() <= decimal.precision() - decimal.scale();
        }
        return true;
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
