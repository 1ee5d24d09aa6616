package io.arscope.ledger;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import io.arscope.testing.TestSpark;

/**
 * {@link Slices#sum} on four hand-made rows by month, segment and region:
 * <pre>
 * month    segment region amount count
 * 2025-01  A       North  100.00     1
 * 2025-01  A       South   50.00     1
 * 2025-01  B       North   30.00     2
 * 2025-02  B       South   20.00     1
 * </pre>
 */
class SlicesTest {

    private static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("month", DataTypes.StringType, false),
            DataTypes.createStructField("segment", DataTypes.StringType, false),
            DataTypes.createStructField("region", DataTypes.StringType, false),
            DataTypes.createStructField("amount", DataTypes.createDecimalType(18, 2), false),
            DataTypes.createStructField("count", DataTypes.LongType, false)));

    private static Dataset<Row> rows() {
        return TestSpark.session().createDataFrame(List.of(
                row("2025-01", "A", "North", "100", 1),
                row("2025-01", "A", "South", "50", 1),
                row("2025-01", "B", "North", "30", 2),
                row("2025-02", "B", "South", "20", 1)), SCHEMA);
    }

    private static Row row(String month, String segment, String region, String amount, long count) {
        return RowFactory.create(month, segment, region, new BigDecimal(amount).setScale(2), count);
    }

    private static List<String> lines(Dataset<Row> sums) {
        return sums.orderBy(col(Slices.DIMENSION), col(Slices.VALUE), col("month")).collectAsList().stream()
                .map(r -> r.mkString(" ")).toList();
    }

    @Test
    void theTotalAndEachValueOfEachDimensionAddUpTheirRows() {
        Dataset<Row> sums = Slices.sum(rows(), List.of("segment", "region"), List.of("month"),
                List.of("amount", "count"));

        assertEquals(List.of(Slices.DIMENSION, Slices.VALUE, "month", "amount", "count"), List.of(sums.columns()));
        // region North, January: 100 + 30 and 1 + 2. Segment A has no February row, so no February slice either
        // (absent, not zero). Each dimension's values add up to the total: January 150 + 30 = 130 + 50 = 180.
        assertEquals(List.of(
                "region North 2025-01 130.00 3",
                "region South 2025-01 50.00 1",
                "region South 2025-02 20.00 1",
                "segment A 2025-01 150.00 2",
                "segment B 2025-01 30.00 2",
                "segment B 2025-02 20.00 1",
                "total all 2025-01 180.00 4",
                "total all 2025-02 20.00 1"), lines(sums));
    }

    @Test
    void withoutDimensionsOnlyTheTotalIsLeft() {
        // 100 + 50 + 30 in January, 20 in February.
        assertEquals(List.of("total all 2025-01 180.00", "total all 2025-02 20.00"),
                lines(Slices.sum(rows(), List.of(), List.of("month"), List.of("amount"))));
    }
}
