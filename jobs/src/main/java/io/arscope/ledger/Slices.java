package io.arscope.ledger;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DecimalType;

/**
 * The slices every metric is reported for: the total ({@code dimension = "total", value = "all"}) and each
 * value of each configured dimension (segment, region, business unit, collector...). Measures are summed by
 * all dimensions together first, which leaves few rows, and only then spread to one row per slice.
 */
public final class Slices {

    public static final String DIMENSION = "dimension";
    public static final String VALUE = "value";
    public static final String TOTAL = "total";
    public static final String ALL = "all";

    private Slices() {
    }

    /**
     * Sums {@code measures} by {@code keys} for every slice: the result has columns dimension, value, the keys and
     * the measures.
     */
    public static Dataset<Row> sum(Dataset<Row> rows, List<String> dimensions, List<String> keys,
            List<String> measures) {
        List<Column> groupBy = new ArrayList<>();
        keys.forEach(k -> groupBy.add(col(k)));
        dimensions.forEach(d -> groupBy.add(col(d)));
        // Every row is summed here, the few rows of the slices below: only here does the money sums' speed tell.
        Column[] exact = measures.stream().map(m -> rows.schema().apply(m).dataType() instanceof DecimalType type
                && MoneySum.applies(type) ? MoneySum.of(col(m), type).as(m) : functions.sum(col(m)).as(m))
                .toArray(Column[]::new);
        Dataset<Row> compact = rows.groupBy(groupBy.toArray(Column[]::new))
                .agg(exact[0], java.util.Arrays.copyOfRange(exact, 1, exact.length));
        List<Column> slices = new ArrayList<>(List.of(struct(lit(TOTAL).as("d"), lit(ALL).as("v"))));
        dimensions.forEach(d -> slices.add(struct(lit(d).as("d"), col(d).as("v"))));
        Dataset<Row> spread = compact.withColumn("slice", explode(array(slices.toArray(Column[]::new))))
                .withColumn(DIMENSION, col("slice.d")).withColumn(VALUE, col("slice.v"));
        List<Column> outKeys = new ArrayList<>(List.of(col(DIMENSION), col(VALUE)));
        keys.forEach(k -> outKeys.add(col(k)));
        return spread.groupBy(outKeys.toArray(Column[]::new))
                .agg(sums(measures)[0], java.util.Arrays.copyOfRange(sums(measures), 1, measures.size()));
    }

    private static Column[] sums(List<String> measures) {
        return measures.stream().map(m -> functions.sum(col(m)).as(m)).toArray(Column[]::new);
    }
}
