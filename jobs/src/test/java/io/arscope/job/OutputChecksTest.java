package io.arscope.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.spark.SparkException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.testing.TestSpark;

/**
 * Each output check on a small hand-made table, passing and failing, with the exact message a failure gives; the
 * checks rows get as they are built; and an overflow, in ANSI mode an error that names the table being written.
 */
class OutputChecksTest {

    private static final Column<String> SLICE = Column.text("slice").required();
    private static final Column<String> MONTH = Column.text("month").required();
    private static final Column<BigDecimal> ENDING = Column.money("ending_ar").required();
    private static final Column<BigDecimal> CURRENT = Column.money("current").required();
    private static final Column<BigDecimal> LATE = Column.money("late").required();
    private static final Column<Double> ON_TIME = Column.share("on_time_rate");
    private static final OutputTable TABLE = OutputTable.of("figures", SLICE, MONTH, ENDING, CURRENT, LATE, ON_TIME)
            .keyedBy(SLICE, MONTH);
    private static final OutputChecks.Check AGED = OutputChecks.sumOf(ENDING, List.of(CURRENT, LATE),
            "its aging buckets");

    @TempDir
    static Path dir;
    private static SparkSession spark;

    @BeforeAll
    static void session() {
        spark = TestSpark.session();
    }

    private static Row row(String slice, String month, String ending, String current, String late, Double onTime) {
        return RowFactory.create(slice, month, ending == null ? null : new BigDecimal(ending),
                new BigDecimal(current), new BigDecimal(late), onTime);
    }

    /** The rows as Spark computes them: nothing enforces the declaration before the checks do. */
    private static Dataset<Row> frame(Row... rows) {
        return spark.createDataFrame(List.of(rows), DataTypes.createStructType(List.of(
                DataTypes.createStructField("slice", DataTypes.StringType, true),
                DataTypes.createStructField("month", DataTypes.StringType, true),
                DataTypes.createStructField("ending_ar", Column.MONEY, true),
                DataTypes.createStructField("current", Column.MONEY, true),
                DataTypes.createStructField("late", Column.MONEY, true),
                DataTypes.createStructField("on_time_rate", DataTypes.DoubleType, true))));
    }

    private static String failure(Dataset<Row> rows, OutputChecks.Check... own) {
        List<OutputChecks.Check> checks = new java.util.ArrayList<>(OutputChecks.declared(TABLE));
        checks.addAll(List.of(own));
        return assertThrows(OutputCheckException.class, () -> OutputChecks.verify(TABLE, rows, checks)).getMessage();
    }

    @Test
    void aGoodTablePassesEveryCheck() {
        List<OutputChecks.Check> checks = new java.util.ArrayList<>(OutputChecks.declared(TABLE));
        checks.add(AGED);
        OutputChecks.verify(TABLE, frame(row("all", "2026-10", "1200.00", "1000.00", "200.00", 1.0),
                row("all", "2026-09", "0.00", "0.00", "0.00", null)), checks);
    }

    @Test
    void endingArThatIsNotTheSumOfItsBucketsIsNamedWithItsRow() {
        assertEquals("output check failed: figures: ending_ar equals the sum of its aging buckets, slice=all "
                + "month=2026-10: 1200.00 vs 1100.00",
                failure(frame(row("all", "2026-09", "500.00", "500.00", "0.00", 0.5),
                        row("all", "2026-10", "1200.00", "1000.00", "100.00", 0.5)), AGED));
    }

    @Test
    void aRequiredFigureThatIsEmptyFails() {
        assertEquals("output check failed: figures: ending_ar is never empty, slice=east month=2026-10: empty",
                failure(frame(row("east", "2026-10", null, "0.00", "0.00", 0.5)), AGED));
    }

    @Test
    void aShareOutsideZeroToOneFailsWithHowManyRowsBreakIt() {
        assertEquals("output check failed: figures: on_time_rate lies within 0..1, slice=all month=2026-09: 1.25 "
                + "(2 rows break it)", failure(frame(row("all", "2026-09", "0.00", "0.00", "0.00", 1.25),
                        row("all", "2026-10", "0.00", "0.00", "0.00", -0.5))));
        assertEquals("output check failed: figures: on_time_rate lies within 0..1, slice=all month=2026-10: NaN",
                failure(frame(row("all", "2026-10", "0.00", "0.00", "0.00", Double.NaN))));
    }

    @Test
    void countsThatDoNotReconcileFail() {
        OutputChecks.Check reconciles = OutputChecks.equal("read = accepted + rejected",
                org.apache.spark.sql.functions.col("current"),
                org.apache.spark.sql.functions.col("late").plus(org.apache.spark.sql.functions.col("ending_ar")));
        assertEquals("output check failed: figures: read = accepted + rejected, slice=all month=2026-10: 10.00 vs "
                + "9.00", failure(frame(row("all", "2026-10", "4.00", "10.00", "5.00", null)), reconciles));
    }

    @Test
    void rowsAreCheckedAsTheyAreBuilt() {
        OutputTable.RowBuilder empty = TABLE.row().set(SLICE, "all").set(MONTH, "2026-10").set(ENDING, null)
                .set(CURRENT, BigDecimal.ZERO).set(LATE, BigDecimal.ZERO).set(ON_TIME, null);
        assertEquals("output check failed: figures: ending_ar is never empty, slice=all month=2026-10: empty",
                assertThrows(OutputCheckException.class, empty::build).getMessage());
        OutputTable.RowBuilder huge = TABLE.row().set(SLICE, "all").set(MONTH, "2026-10")
                .set(ENDING, new BigDecimal("100000000000000000000000000.00")).set(CURRENT, BigDecimal.ZERO)
                .set(LATE, BigDecimal.ZERO).set(ON_TIME, null);
        assertEquals("output check failed: figures: every value fits its type, slice=all month=2026-10: ending_ar "
                + "100000000000000000000000000.00 does not fit decimal(28,2)",
                assertThrows(OutputCheckException.class, huge::build).getMessage());
    }

    /** Two totals just under 10^26 add up beyond DECIMAL(28,2): an error naming the table, never a null. */
    @Test
    void anOverflowWhileWritingFailsTheCheckThatValuesFit() {
        String half = "90000000000000000000000000.00";
        Dataset<Row> wide = spark.createDataFrame(List.of(RowFactory.create("all", "2026-10", new BigDecimal(half)),
                RowFactory.create("all", "2026-10", new BigDecimal(half))), DataTypes.createStructType(List.of(
                        DataTypes.createStructField("slice", DataTypes.StringType, false),
                        DataTypes.createStructField("month", DataTypes.StringType, false),
                        DataTypes.createStructField("amount", DataTypes.createDecimalType(38, 2), false))));
        Dataset<Row> summed = wide.groupBy("slice", "month").agg(org.apache.spark.sql.functions.sum("amount")
                .as("ending_ar")).withColumn("current", org.apache.spark.sql.functions.col("ending_ar"))
                .withColumn("late", org.apache.spark.sql.functions.lit(BigDecimal.ZERO).cast(Column.MONEY))
                .withColumn("on_time_rate", org.apache.spark.sql.functions.lit(null).cast(DataTypes.DoubleType));
        JobContext<JobOptions> context = new JobContext<>(spark, new JobOptions() {
            @Override
            public LocalDate asOf() {
                return LocalDate.of(2026, 10, 31);
            }

            @Override
            public String output() {
                return dir.toString();
            }
        }, dir.resolve("out").toString());
        OutputCheckException e = assertThrows(OutputCheckException.class, () -> context.writeTable(TABLE, summed));
        assertEquals("output check failed: figures: every value fits its type, "
                + "180000000000000000000000000.00 cannot be represented as Decimal(28, 2)", e.getMessage());
        assertEquals(ExitCode.OUTPUT_CHECK_FAILED, ExitCode.of(e));
    }

    /** An overflow anywhere in a job, as Spark reports it from a task, ends the job with the output-check code. */
    @Test
    void aSparkOverflowInATaskHasTheOutputCheckExitCode() {
        Dataset<Row> wide = spark.createDataFrame(List.of(RowFactory.create(new BigDecimal("9000000000000000.00")),
                RowFactory.create(new BigDecimal("9000000000000000.00"))), DataTypes.createStructType(List.of(
                        DataTypes.createStructField("a", DataTypes.createDecimalType(38, 2), false)))).repartition(2);
        SparkException e = assertThrows(SparkException.class, () -> wide.select(org.apache.spark.sql.functions
                .col("a").plus(org.apache.spark.sql.functions.col("a")).cast("decimal(18,2)")).collectAsList());
        assertEquals(ExitCode.OUTPUT_CHECK_FAILED, ExitCode.of(e));
        assertEquals("arscope metrics: output check failed: every value fits its type, 18000000000000000.00 cannot "
                + "be represented as Decimal(18, 2)", ExitCode.message("metrics", e));
    }
}
