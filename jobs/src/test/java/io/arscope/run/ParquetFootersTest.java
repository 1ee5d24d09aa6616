package io.arscope.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.testing.TestSpark;

/** A written table's rows and columns read off its footers are those Spark finds by reading it. */
class ParquetFootersTest {

    private static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("month", DataTypes.StringType, true),
            DataTypes.createStructField("id", DataTypes.StringType, false),
            DataTypes.createStructField("amount", DataTypes.createDecimalType(18, 2), true),
            DataTypes.createStructField("day", DataTypes.DateType, true)));

    @TempDir
    Path dir;

    private Dataset<Row> fiveRows(SparkSession spark) {
        return spark.createDataFrame(List.of(
                RowFactory.create("2026-01", "A", new BigDecimal("1.50"), LocalDate.parse("2026-01-03")),
                RowFactory.create("2026-01", "B", null, LocalDate.parse("2026-01-09")),
                RowFactory.create("2026-02", "C", new BigDecimal("-2.00"), null),
                RowFactory.create("2026-03", "D", new BigDecimal("4.25"), LocalDate.parse("2026-03-31")),
                RowFactory.create("2026-03", "E", new BigDecimal("0.01"), LocalDate.parse("2026-03-01"))), SCHEMA);
    }

    @Test
    void aPartitionedTablesRowsAreTheSumOfItsFilesAndItReadsAsSparkReadsIt() throws Exception {
        SparkSession spark = TestSpark.session();
        String table = dir.resolve("partitioned").toString();
        // Three months in three folders, each written by one of two tasks: five rows in up to six files.
        fiveRows(spark).repartition(2).write().partitionBy("month").parquet(table);

        assertEquals(5, ParquetFooters.rows(spark, table));
        Dataset<Row> byFooter = ParquetFooters.read(spark, table);
        Dataset<Row> bySpark = spark.read().parquet(table);
        // The file's columns, nullable as Spark reads them, then the month found from the folders.
        assertEquals(bySpark.schema(), byFooter.schema());
        assertEquals("id,amount,day,month", String.join(",", byFooter.columns()));
        assertEquals(bySpark.orderBy("id").collectAsList(), byFooter.orderBy("id").collectAsList());
    }

    @Test
    void anEmptyTableHasNoRowsAndItsOneEmptyFileStillGivesItsColumns() throws Exception {
        SparkSession spark = TestSpark.session();
        String table = dir.resolve("empty").toString();
        fiveRows(spark).filter("id = 'Z'").coalesce(1).write().parquet(table);
        assertTrue(Files.exists(dir.resolve("empty/_SUCCESS")));

        assertEquals(0, ParquetFooters.rows(spark, table));
        assertEquals("month,id,amount,day", String.join(",", ParquetFooters.read(spark, table).columns()));
        assertEquals(0, ParquetFooters.read(spark, table).count());
    }

    @Test
    void aFolderThatIsNoTableLeavesTheReadToSpark() throws Exception {
        SparkSession spark = TestSpark.session();
        Files.createDirectories(dir.resolve("nothing/_temporary"));
        Files.writeString(dir.resolve("nothing/_SUCCESS"), "");
        assertEquals(0, ParquetFooters.rows(spark, dir.resolve("nothing").toString()));
        assertTrue(ParquetFooters.columns(spark, dir.resolve("nothing").toString()).isEmpty());
        assertTrue(ParquetFooters.columns(spark, dir.resolve("absent").toString()).isEmpty());
    }
}
