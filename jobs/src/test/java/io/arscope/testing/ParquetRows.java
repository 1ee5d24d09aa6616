package io.arscope.testing;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/** The rows of a Parquet output as text, for exact comparison in tests. */
public final class ParquetRows {

    private ParquetRows() {
    }

    /**
     * The rows of the Parquet folder {@code folder}, ordered by the comma-separated {@code order}, each as its
     * {@code columns} (SQL expressions) joined by a space.
     */
    public static List<String> of(Path folder, String order, String... columns) {
        return TestSpark.session().read().parquet(folder.toString())
                .orderBy(Arrays.stream(order.split(", ")).map(functions::col).toArray(Column[]::new))
                .selectExpr(columns).collectAsList().stream().map(r -> r.mkString(" ")).toList();
    }
}
