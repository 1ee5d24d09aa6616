package io.arscope.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.testing.TestSpark;

/** The CSV files people open: text a spreadsheet would run is made inert, numbers stay as they are. */
class OutputFilesTest {

    private static final StructType SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField("customer_name", DataTypes.StringType, true),
            DataTypes.createStructField("invoice_id", DataTypes.StringType, true),
            DataTypes.createStructField("amount", DataTypes.createDecimalType(18, 2), true),
            DataTypes.createStructField("due_date", DataTypes.DateType, true),
            DataTypes.createStructField("probability", DataTypes.DoubleType, true),
            DataTypes.createStructField("paid", DataTypes.BooleanType, true)));

    private static final String HYPERLINK = "=HYPERLINK(\"http://x\",\"y\")";

    @TempDir
    Path dir;

    @Test
    void textCellsThatStartAFormulaAreQuotedBehindASingleQuote() {
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", CsvCells.text(HYPERLINK));
        assertEquals("\"'=1+1\"", CsvCells.text("=1+1"));
        assertEquals("\"'+1\"", CsvCells.text("+1"));
        assertEquals("\"'-2\"", CsvCells.text("-2"));
        assertEquals("\"'@SUM(A1)\"", CsvCells.text("@SUM(A1)"));
        assertEquals("\"'\tx\"", CsvCells.text("\tx"));
        assertEquals("\"'\rx\"", CsvCells.text("\rx"));
        assertEquals("\"' =cmd\"", CsvCells.text(" =cmd"));
        assertEquals("a=b", CsvCells.text("a=b"));
        assertEquals("\"Plain, Ltd\"", CsvCells.text("Plain, Ltd"));
        assertEquals("\"a\nb\"", CsvCells.text("a\nb"));
        assertEquals("", CsvCells.text(null));
        assertEquals("", CsvCells.text(""));
    }

    @Test
    void theCsvBesideATableIsSpreadsheetSafeAndTheParquetKeepsTheRawValues() throws Exception {
        SparkSession spark = TestSpark.session();
        LocalDate due = LocalDate.of(2025, 1, 31);
        Dataset<Row> rows = spark.createDataFrame(List.of(
                RowFactory.create(HYPERLINK, "=1+1", new BigDecimal("-12.50"), due, 0.25, true),
                RowFactory.create("Plain, Ltd", "+1", new BigDecimal("100.00"), null, null, false),
                RowFactory.create("@SUM(A1)", "-2", new BigDecimal("0.00"), due, -0.5, null),
                RowFactory.create("\tx", "\rx", null, due, 1.0, true),
                RowFactory.create(" =cmd", "ok ", new BigDecimal("-3.00"), due, 0.0, false),
                RowFactory.create(null, "", new BigDecimal("1.00"), due, 0.5, false),
                RowFactory.create("caf\"e", "a\nb", new BigDecimal("2.00"), due, 0.5, false)), SCHEMA).coalesce(1);

        assertEquals(7, OutputFiles.writeTable(spark, rows, dir.toString(), "t"));

        assertEquals(String.join("\n",
                "customer_name,invoice_id,amount,due_date,probability,paid",
                "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",\"'=1+1\",-12.50,2025-01-31,0.25,true",
                "\"Plain, Ltd\",\"'+1\",100.00,,,false",
                "\"'@SUM(A1)\",\"'-2\",0.00,2025-01-31,-0.5,",
                "\"'\tx\",\"'\rx\",,2025-01-31,1.0,true",
                "\"' =cmd\",ok ,-3.00,2025-01-31,0.0,false",
                ",,1.00,2025-01-31,0.5,false",
                "\"caf\"\"e\",\"a\nb\",2.00,2025-01-31,0.5,false", ""),
                Files.readString(dir.resolve("t.csv")));
        List<Row> stored = spark.read().parquet(dir.resolve("t").toString()).collectAsList();
        assertEquals(List.of(HYPERLINK, "Plain, Ltd", "@SUM(A1)", "\tx", " =cmd", "null", "caf\"e"),
                stored.stream().map(r -> String.valueOf(r.<String>getAs("customer_name"))).toList());
        assertEquals(List.of("=1+1", "+1", "-2", "\rx", "ok ", "", "a\nb"),
                stored.stream().map(r -> r.<String>getAs("invoice_id")).toList());
        assertEquals(new BigDecimal("-12.50"), stored.get(0).getAs("amount"));
        try (var left = Files.list(dir)) {
            // No folder of parts is left behind (Hadoop's checksum files, hidden, aside).
            assertEquals(Set.of("t", "t.csv"), Set.copyOf(left.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).toList()));
        }
    }

    @Test
    void floatingPointNumbersArePlainDecimalsOfSixSignificantDigitsNeverScientificNotation() throws Exception {
        SparkSession spark = TestSpark.session();
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("x", DataTypes.DoubleType, true)));
        // The values an issue found in trends.csv and period_metrics.csv, a model's float days read as a double, a
        // share, the ends of the range; then numbers short enough to be written as they are.
        Dataset<Row> rows = spark.createDataFrame(List.of(RowFactory.create(4.62344509E-4),
                RowFactory.create(456153.56999999983), RowFactory.create(30.781070867687475),
                RowFactory.create((double) 27.199654f), RowFactory.create(14.0 / 15), RowFactory.create(29.999999999),
                RowFactory.create(1234567.891), RowFactory.create(-0.1234565), RowFactory.create(1.0E10),
                RowFactory.create(-1.5E-7), RowFactory.create(0.0), RowFactory.create(12.0),
                RowFactory.create((Object) null)), schema).coalesce(1);
        OutputFiles.writeTable(spark, rows, dir.toString(), "d");
        assertEquals(String.join("\n", "x", "0.000462345", "456153.57", "30.7811", "27.1997", "0.933333", "30.0",
                "1234567.89", "-0.123456", "10000000000.0", "-0.00000015", "0.0", "12.0", "", ""),
                Files.readString(dir.resolve("d.csv")));
        assertEquals("NaN", CsvCells.plain(Double.NaN));
        assertEquals("-Infinity", CsvCells.plain(Double.NEGATIVE_INFINITY));
        // Java writes 1.0E-4, whose BigDecimal keeps the zero: customer_scores.csv showed 0.00010 beside 0.0029.
        assertEquals("0.0001", CsvCells.plain(1.0E-4));
        assertEquals("0.0002", CsvCells.plain(2.0E-4));
        assertEquals("-120.0", CsvCells.plain(-120.0));
    }

    @Test
    void anEmptyTableHasAHeaderOnly() throws Exception {
        SparkSession spark = TestSpark.session();
        OutputFiles.writeSingleCsv(spark, spark.createDataFrame(List.of(), SCHEMA), dir.resolve("e.csv").toString());
        assertEquals("customer_name,invoice_id,amount,due_date,probability,paid\n",
                Files.readString(dir.resolve("e.csv")));
    }

    private static final StructType PER_FILE = DataTypes.createStructType(List.of(
            DataTypes.createStructField("v", DataTypes.StringType, false),
            DataTypes.createStructField("file", DataTypes.StringType, false)));

    @Test
    void noRowsWriteNoFileButTheFolder() throws Exception {
        SparkSession spark = TestSpark.session();
        OutputFiles.writeCsvPerFile(spark, spark.createDataFrame(List.of(), PER_FILE), "file", Set.of(),
                dir.resolve("per").toString());
        try (var written = Files.list(dir.resolve("per"))) {
            assertEquals(0, written.count());
        }
        assertTrue(Files.notExists(dir.resolve("per.parts")));
    }

    @Test
    void aRowForAFileNotExpectedFailsTheWrite() {
        SparkSession spark = TestSpark.session();
        Dataset<Row> rows = spark.createDataFrame(List.of(RowFactory.create("1", "a"), RowFactory.create("2", "c")),
                PER_FILE).repartition(1).sortWithinPartitions("file");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> OutputFiles.writeCsvPerFile(spark,
                rows, "file", Set.of("a", "b"), dir.resolve("per").toString()));
        assertTrue(e.getMessage().startsWith("the rows name the files [a, c] but [a, b] were expected in "),
                e.getMessage());
    }

    @Test
    void theFilesPeopleOpenHaveNoHiddenChecksumFileBesideThemAndAStaleOneIsRemoved() throws Exception {
        SparkSession spark = TestSpark.session();
        Files.writeString(dir.resolve(".page.html.crc"), "a checksum of an older page");
        OutputFiles.writeText(spark, dir.resolve("page.html").toString(), "<p>new</p>");
        OutputFiles.writeSingleCsv(spark, spark.createDataFrame(List.of(RowFactory.create("1", "a")), PER_FILE),
                dir.resolve("one.csv").toString());
        OutputFiles.writeCsvPerFile(spark, spark.createDataFrame(List.of(RowFactory.create("1", "a"),
                RowFactory.create("2", "b")), PER_FILE).repartition(1).sortWithinPartitions("file"), "file",
                Set.of("a", "b"), dir.resolve("per").toString());
        try (var files = Files.walk(dir)) {
            assertEquals(List.of("one.csv", "page.html", "per", "per/a.csv", "per/b.csv"),
                    files.filter(f -> !f.equals(dir)).map(f -> dir.relativize(f).toString()).sorted().toList());
        }
        // Read back through Hadoop's checking file system, which would refuse the page against the stale checksum.
        assertEquals("<p>new</p>", OutputFiles.readText(spark, dir.resolve("page.html").toString()));
        assertEquals("v,file\n1,a\n", Files.readString(dir.resolve("one.csv")));
    }
}
