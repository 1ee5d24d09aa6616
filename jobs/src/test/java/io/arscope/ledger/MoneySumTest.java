package io.arscope.ledger;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import io.arscope.testing.TestSpark;

/**
 * Sums worked by hand, against Spark's own sum of the same rows: the same values and type. Group a: the largest
 * amount of decimal(18,2) three times and a negative one, 3 x 9,999,999,999,999,999.99 - 0.01 =
 * 29,999,999,999,999,999.96 (past a long's cents); b: -1,073,741.82 and -0.01 (parts of negative cents), a null,
 * 2.50: -1,073,739.33; c: only nulls, null; d: 2^30 cents and 2^30 - 1 cents, 10,737,418.24 + 10,737,418.23 =
 * 21,474,836.47.
 */
class MoneySumTest {

    private static final DecimalType AMOUNT = DataTypes.createDecimalType(18, 2);

    @Test
    void sumsAsSparkDoesExactlyAndOfItsType() {
        SparkSession spark = TestSpark.session();
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("g", DataTypes.StringType, false),
                DataTypes.createStructField("amount", AMOUNT, true)));
        String top = "9999999999999999.99";
        List<Row> rows = new ArrayList<>();
        for (String[] r : new String[][] {{"a", top}, {"a", top}, {"a", top}, {"a", "-0.01"}, {"b", "-1073741.82"},
                {"b", "-0.01"}, {"b", null}, {"b", "2.50"}, {"c", null}, {"c", null}, {"d", "10737418.24"},
                {"d", "10737418.23"}}) {
            rows.add(RowFactory.create(r[0], r[1] == null ? null : new BigDecimal(r[1])));
        }
        // Several partitions, so that partial sums are merged.
        Dataset<Row> frame = spark.createDataFrame(rows, schema).repartition(3);

        Dataset<Row> exact = frame.groupBy("g").agg(MoneySum.of(col("amount"), AMOUNT).as("s")).orderBy("g");
        Dataset<Row> spark3 = frame.groupBy("g").agg(functions.sum("amount").as("s")).orderBy("g");

        assertEquals(spark3.schema(), exact.schema());
        assertEquals(DataTypes.createDecimalType(28, 2), exact.schema().apply("s").dataType());
        List<String> sums = exact.collectAsList().stream().map(r -> r.getString(0) + " " + r.get(1)).toList();
        assertEquals(List.of("a 29999999999999999.96", "b -1073739.33", "c null", "d 21474836.47"), sums);
        assertEquals(spark3.collectAsList(), exact.collectAsList());
        assertTrue(MoneySum.applies(AMOUNT));
        assertTrue(!MoneySum.applies(DataTypes.createDecimalType(19, 2)));
    }
}
