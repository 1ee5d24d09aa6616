package io.arscope.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;


/**
 * Compares the Parquet tables two runs of the same commands wrote: the same tables, schemas and rows, in any
 * order. Floating-point values may differ in the last bits, since sums over data partitioned differently add
 * in a different order, so they need only agree to a relative 1e-9.
 */
final class OutputComparison {

    private static final double RELATIVE_TOLERANCE = 1e-9;

    private OutputComparison() {
    }

    /** Asserts that {@code actual} holds the same Parquet tables as {@code expected}, with the same rows. */
    static void assertSameTables(SparkSession spark, Path expected, Path actual) throws IOException {
        List<Path> tables = ParquetTables.under(expected);
        assertEquals(tables, ParquetTables.under(actual), "tables under " + actual);
        for (Path table : tables) {
            assertSameRows(table.toString(), spark.read().parquet(expected.resolve(table).toString()),
                    spark.read().parquet(actual.resolve(table).toString()));
        }
    }

    private static void assertSameRows(String table, Dataset<Row> expected, Dataset<Row> actual) {
        assertEquals(expected.schema(), actual.schema(), table + ": schema");
        List<Integer> floating = IntStream.range(0, expected.schema().size())
                .filter(i -> isFloating(expected.schema().fields()[i].dataType())).boxed().toList();
        List<Row> want = sorted(expected.collectAsList(), floating);
        List<Row> got = sorted(actual.collectAsList(), floating);
        assertEquals(want.size(), got.size(), table + ": row count");
        for (int r = 0; r < want.size(); r++) {
            for (int i = 0; i < want.get(r).size(); i++) {
                Object w = want.get(r).get(i);
                Object g = got.get(r).get(i);
                boolean same = floating.contains(i) && w != null && g != null
                        ? close(((Number) w).doubleValue(), ((Number) g).doubleValue())
                        : Objects.equals(w, g);
                if (!same) {
                    fail(table + ": column " + expected.schema().fields()[i].name() + " differs\n  expected "
                            + want.get(r) + "\n  actual   " + got.get(r));
                }
            }
        }
    }

    /** Ordered by the exact columns first, so that last-bit differences cannot reorder rows that differ elsewhere. */
    private static List<Row> sorted(List<Row> rows, List<Integer> floating) {
        Comparator<Row> exactColumns = Comparator.comparing(row -> IntStream.range(0, row.size())
                .filter(i -> !floating.contains(i)).mapToObj(i -> String.valueOf(row.get(i)))
                .toList().toString());
        return rows.stream().sorted(exactColumns.thenComparing(Row::toString)).toList();
    }

    private static boolean close(double expected, double actual) {
        return Double.compare(expected, actual) == 0
                || Math.abs(expected - actual) <= RELATIVE_TOLERANCE * Math.max(Math.abs(expected), Math.abs(actual));
    }

    private static boolean isFloating(DataType type) {
        return type.equals(DataTypes.DoubleType) || type.equals(DataTypes.FloatType);
    }
}
